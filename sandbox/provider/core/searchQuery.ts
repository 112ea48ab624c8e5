import { invalidRequest, type ProviderApiError } from './errors';

/**
 * Stripe's search query language (`GET /v1/<resource>/search?query=…`), parsed and matched.
 *
 * Checked against docs.stripe.com/search ("Search query language", "Supported query fields for each resource") and
 * the description of Stripe's own MCP search tool (stripe/agent-toolkit): a query is up to 10 clauses
 * `[-]field<op>value`, joined by spaces (AND) or by `AND` / `OR` (case-insensitive), never both in one query and
 * without parentheses. Operators: `:` exact match (case-insensitive; on a *string* field it matches a record that
 * contains the query's words in the same order, so `name:"one two three"` matches "one two three four"), `~`
 * substring (string fields only, at least 3 characters), `>` `<` `>=` `<=` (numeric fields only). String values
 * must be quoted (`"…"` or `'…'`, a backslash escapes a quote); numbers may be bare. `null` (case-insensitive,
 * unquoted) tests presence: `url:null` matches an empty field, `-metadata["k"]:null` a record that has key `k`.
 * Metadata: `metadata["key"]:"value"` (or single quotes). `-` negates a clause.
 *
 * Error wordings: "We were unable to parse your search query. …" and "Field `x` is an unsupported search field for
 * resource `y`. …" are those stripe-ruby-mock copies from Stripe (its shared specs check them against Stripe's API).
 * Stripe documents that an unsupported operator (e.g. `>` on a string) "returns an error" and that AND and OR are
 * mutually exclusive, but not the messages: those messages below are the sandbox's own (marked).
 * Unsure, so strict: whitespace around an operator, `=` as an operator, an unquoted non-numeric value and
 * `metadata[key]` without quotes are refused as unparsable.
 */

export type SearchOperator = ':' | '~' | '>' | '<' | '>=' | '<=';

export interface SearchClause {
  negated: boolean;
  /** The field as written (`email`, `payment_method_details.card.last4`), or `metadata`. */
  field: string;
  /** The key of a `metadata["key"]` clause. */
  metadataKey?: string;
  operator: SearchOperator;
  /** The unquoted value; `null` for the `null` token. */
  value: string | null;
}

export interface SearchQuery {
  combinator: 'AND' | 'OR';
  clauses: SearchClause[];
}

/** Stripe's three field types: what operators a field takes and how `:` compares. */
export type SearchFieldType = 'token' | 'string' | 'numeric';

export interface SearchField<T> {
  type: SearchFieldType;
  /** The object's value for this field; default: the dotted path of the field's name. */
  read?(object: T): unknown;
  /** The only values Stripe accepts for this field (e.g. `disputed`: "true", "false"). */
  values?: readonly string[];
}

/** What one resource can be searched by (docs.stripe.com/search#query-fields-for-<resource>). */
export interface SearchFields<T> {
  /** Stripe's resource name in error messages: `customers`, `payment_intents`, … */
  resource: string;
  fields: Record<string, SearchField<T>>;
  /** Whether `metadata["key"]` clauses are allowed (every searchable resource has them). */
  metadata: boolean;
}

export const MAX_SEARCH_CLAUSES = 10;

const OPERATORS: readonly SearchOperator[] = ['>=', '<=', ':', '~', '>', '<'];
const OPERATORS_OF: Record<SearchFieldType, readonly SearchOperator[]> = {
  token: [':'],
  string: [':', '~'],
  numeric: [':', '>', '<', '>=', '<='],
};
const NUMBER = /^-?\d+(?:\.\d+)?$/;

export function unparsableQuery(): ProviderApiError {
  return invalidRequest(
    'We were unable to parse your search query. Try using the format `metadata["key"]:"value"` to query for metadata or key:"value" to query for other fields.',
  );
}

/** Stripe documents that AND and OR are mutually exclusive, not its message: this wording is the sandbox's. */
function mixedCombinators(): ProviderApiError {
  return invalidRequest(
    "We were unable to parse your search query. AND and OR cannot be combined in one query (the sandbox provider's wording).",
  );
}

/** Parses a query; anything outside the grammar above is Stripe's "unable to parse" 400. */
export function parseSearchQuery(text: string): SearchQuery {
  const scanner = new Scanner(text);
  const clauses: SearchClause[] = [];
  let combinator: 'AND' | 'OR' | undefined;
  scanner.skipSpaces();
  while (!scanner.done()) {
    if (clauses.length > 0) {
      // The previous clause ended at whitespace (a value runs to whitespace or the end): a keyword, or a clause.
      const keyword = scanner.keyword();
      if (keyword) {
        if (combinator && combinator !== keyword) throw mixedCombinators();
        combinator = keyword;
        if (!scanner.skipSpaces()) throw unparsableQuery();
      } else {
        // A space joins with AND, so a space in an OR query mixes the two.
        if (combinator === 'OR') throw mixedCombinators();
        combinator = 'AND';
      }
    }
    clauses.push(scanner.clause());
    if (clauses.length > MAX_SEARCH_CLAUSES) {
      // Sandbox wording: Stripe's MCP tool documents "up to 10 query clauses".
      throw invalidRequest(
        `We were unable to parse your search query. A query can combine at most ${MAX_SEARCH_CLAUSES} clauses (the sandbox provider's wording).`,
      );
    }
    scanner.skipSpaces();
  }
  if (clauses.length === 0) throw unparsableQuery();
  return { combinator: combinator ?? 'AND', clauses };
}

/**
 * Checks each clause against the resource's fields and returns the predicate the query stands for. An unknown
 * field is Stripe's "unsupported search field" 400; an operator the field's type does not take is a 400 too.
 */
export function searchMatcher<T>(query: SearchQuery, spec: SearchFields<T>): (object: T) => boolean {
  const tests = query.clauses.map((clause) => clauseTest(clause, spec));
  return query.combinator === 'AND' ? (object) => tests.every((t) => t(object)) : (object) => tests.some((t) => t(object));
}

/** `parseSearchQuery` then `searchMatcher`. */
export function compileSearchQuery<T>(text: string, spec: SearchFields<T>): (object: T) => boolean {
  return searchMatcher(parseSearchQuery(text), spec);
}

function clauseTest<T>(clause: SearchClause, spec: SearchFields<T>): (object: T) => boolean {
  const field = fieldOf(clause, spec);
  const name = clause.metadataKey === undefined ? clause.field : `metadata["${clause.metadataKey}"]`;
  if (!OPERATORS_OF[field.type].includes(clause.operator)) {
    throw invalidRequest(
      `Field \`${name}\` does not support the \`${clause.operator}\` operator: ${field.type} fields take ${OPERATORS_OF[field.type].join(' ')} (the sandbox provider's wording).`,
    );
  }
  const read = field.read ?? ((object: T) => valueAt(object, clause.field));
  const expected = clause.value;
  let test: (actual: string | number | null) => boolean;
  if (expected === null) {
    if (clause.operator !== ':') throw unparsableQuery();
    test = (actual) => actual === null;
  } else if (field.type === 'numeric') {
    if (!NUMBER.test(expected))
      throw invalidRequest(`Field \`${name}\` is numeric: ${JSON.stringify(expected)} is not a number (the sandbox provider's wording).`);
    test = numericTest(clause.operator, Number(expected));
  } else if (clause.operator === '~') {
    if (expected.length < 3)
      throw invalidRequest(
        `A substring search (\`~\`) needs at least 3 characters: ${JSON.stringify(expected)} (the sandbox provider's wording).`,
      );
    const needle = expected.toLowerCase();
    test = (actual) => actual !== null && String(actual).toLowerCase().includes(needle);
  } else {
    if (field.values && !field.values.includes(expected.toLowerCase())) {
      throw invalidRequest(
        `Field \`${name}\` accepts only ${field.values.map((v) => JSON.stringify(v)).join(', ')} (the sandbox provider's wording).`,
      );
    }
    test =
      field.type === 'string'
        ? phraseTest(expected)
        : (actual) => actual !== null && String(actual).toLowerCase() === expected.toLowerCase();
  }
  return (object) => test(searchable(read(object))) !== clause.negated;
}

function fieldOf<T>(clause: SearchClause, spec: SearchFields<T>): SearchField<T> {
  if (clause.metadataKey !== undefined && spec.metadata) {
    const key = clause.metadataKey;
    return { type: 'token', read: (object) => (object as { metadata?: Record<string, string> | null }).metadata?.[key] };
  }
  const field = Object.hasOwn(spec.fields, clause.field) ? spec.fields[clause.field] : undefined;
  if (!field) {
    throw invalidRequest(
      `Field \`${clause.field}\` is an unsupported search field for resource \`${spec.resource}\`. See http://stripe.com/docs/search#query-fields-for-${spec.resource.replace(/_/g, '-')} for a list of supported fields.`,
    );
  }
  return field;
}

function numericTest(operator: SearchOperator, bound: number): (actual: string | number | null) => boolean {
  const compare: Record<string, (a: number) => boolean> = {
    ':': (a) => a === bound,
    '>': (a) => a > bound,
    '<': (a) => a < bound,
    '>=': (a) => a >= bound,
    '<=': (a) => a <= bound,
  };
  const test = compare[operator] ?? (() => false);
  return (actual) => actual !== null && Number.isFinite(Number(actual)) && test(Number(actual));
}

/** A string field's `:`: the record contains the query's words, in order and adjacent (case-insensitive). */
function phraseTest(expected: string): (actual: string | number | null) => boolean {
  const wanted = words(expected);
  return (actual) => {
    if (actual === null || wanted.length === 0) return false;
    const have = words(String(actual));
    for (let start = 0; start + wanted.length <= have.length; start++) {
      if (wanted.every((word, i) => have[start + i] === word)) return true;
    }
    return false;
  };
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
}

/** The value a clause compares: absent, null and "" are empty (`null`); booleans are the tokens "true"/"false". */
function searchable(value: unknown): string | number | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return value;
  return null;
}

function valueAt(object: unknown, path: string): unknown {
  let current: unknown = object;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** A cursor over the query text; every failure is Stripe's "unable to parse" error. */
class Scanner {
  private at = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.at >= this.text.length;
  }

  /** Skips whitespace; whether there was any. */
  skipSpaces(): boolean {
    const start = this.at;
    while (!this.done() && /\s/.test(this.text[this.at]!)) this.at++;
    return this.at > start;
  }

  /** `AND` / `OR` (any case) followed by whitespace, consumed; else nothing is consumed. */
  keyword(): 'AND' | 'OR' | undefined {
    const match = /^(and|or)(?=\s)/i.exec(this.text.slice(this.at));
    if (!match) return undefined;
    this.at += match[0].length;
    return match[0].toUpperCase() as 'AND' | 'OR';
  }

  clause(): SearchClause {
    const negated = this.text[this.at] === '-';
    if (negated) this.at++;
    const { field, metadataKey } = this.field();
    const operator = OPERATORS.find((op) => this.text.startsWith(op, this.at));
    if (!operator) throw unparsableQuery();
    this.at += operator.length;
    const value = this.value();
    return { negated, field, ...(metadataKey !== undefined ? { metadataKey } : {}), operator, value };
  }

  private field(): { field: string; metadataKey?: string } {
    const rest = this.text.slice(this.at);
    if (/^metadata\[/.test(rest)) {
      this.at += 'metadata['.length;
      const quote = this.text[this.at];
      if (quote !== '"' && quote !== "'") throw unparsableQuery();
      const metadataKey = this.quoted();
      if (this.text[this.at] !== ']') throw unparsableQuery();
      this.at++;
      return { field: 'metadata', metadataKey };
    }
    const match = /^[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*/.exec(rest);
    if (!match) throw unparsableQuery();
    this.at += match[0].length;
    return { field: match[0] };
  }

  private value(): string | null {
    const quote = this.text[this.at];
    if (quote === '"' || quote === "'") {
      const value = this.quoted();
      if (!this.done() && !/\s/.test(this.text[this.at]!)) throw unparsableQuery();
      return value;
    }
    const match = /^\S+/.exec(this.text.slice(this.at));
    if (!match) throw unparsableQuery();
    this.at += match[0].length;
    if (match[0].toLowerCase() === 'null') return null;
    if (NUMBER.test(match[0])) return match[0];
    throw unparsableQuery(); // string values must be quoted
  }

  /** A `"…"` or `'…'` string at the cursor; a backslash makes the next character literal. */
  private quoted(): string {
    const quote = this.text[this.at];
    this.at++;
    let value = '';
    while (!this.done()) {
      const char = this.text[this.at]!;
      if (char === '\\') {
        if (this.at + 1 >= this.text.length) break;
        value += this.text[this.at + 1];
        this.at += 2;
        continue;
      }
      this.at++;
      if (char === quote) return value;
      value += char;
    }
    throw unparsableQuery();
  }
}
