import { test, expect } from '@playwright/test';
import { ProviderApiError } from '../../../sandbox/provider/core/errors';
import { compileSearchQuery, parseSearchQuery, type SearchFields } from '../../../sandbox/provider/core/searchQuery';

/** The parser and matcher of Stripe's search query language, without a server. */

interface Thing {
  name: string | null;
  email: string | null;
  currency: string;
  amount: number;
  active: boolean;
  metadata: Record<string, string>;
}

const FIELDS: SearchFields<Thing> = {
  resource: 'payment_intents',
  metadata: true,
  fields: {
    name: { type: 'string' },
    email: { type: 'string' },
    currency: { type: 'token' },
    amount: { type: 'numeric' },
    active: { type: 'token' },
  },
};

const thing = (over: Partial<Thing> = {}): Thing => ({
  name: null,
  email: null,
  currency: 'usd',
  amount: 1000,
  active: true,
  metadata: {},
  ...over,
});

/** The ProviderApiError a function throws (fails the test if it throws nothing or something else). */
function errorOf(run: () => unknown): ProviderApiError {
  try {
    run();
  } catch (err) {
    if (err instanceof ProviderApiError) return err;
    throw err;
  }
  throw new Error('expected an ProviderApiError');
}

const UNPARSABLE =
  'We were unable to parse your search query. Try using the format `metadata["key"]:"value"` to query for metadata or key:"value" to query for other fields.';

test.describe('parsing', () => {
  test('a clause is field, operator and a quoted or numeric value; both quote kinds, a backslash escapes a quote', () => {
    expect(parseSearchQuery(`email:"amy@rocketrides.io"`)).toEqual({
      combinator: 'AND',
      clauses: [{ negated: false, field: 'email', operator: ':', value: 'amy@rocketrides.io' }],
    });
    expect(parseSearchQuery(`currency:'usd'`).clauses[0]?.value).toBe('usd');
    expect(parseSearchQuery(`payment_method_details.card.last4:4242`).clauses[0]).toMatchObject({
      field: 'payment_method_details.card.last4',
      value: '4242',
    });
    expect(parseSearchQuery(`description:"the story called \\"The Sky and the Sea.\\""`).clauses[0]?.value).toBe(
      'the story called "The Sky and the Sea."',
    );
    expect(parseSearchQuery(`name:'O\\'Brien'`).clauses[0]?.value).toBe("O'Brien");
  });

  test('operators: : ~ > < >= <=, a leading - negates, null is a token', () => {
    const { clauses } = parseSearchQuery(
      `amount>=10 amount<=20 amount>1 amount<30 name~"amy" -currency:"jpy" url:null -metadata["k"]:NULL`,
    );
    expect(clauses.map((c) => c.operator)).toEqual(['>=', '<=', '>', '<', '~', ':', ':', ':']);
    expect(clauses[5]).toMatchObject({ negated: true, field: 'currency', value: 'jpy' });
    expect(clauses[6]).toMatchObject({ field: 'url', value: null });
    expect(clauses[7]).toMatchObject({ negated: true, field: 'metadata', metadataKey: 'k', value: null });
  });

  test('metadata keys in double or single quotes', () => {
    expect(parseSearchQuery(`metadata["donation-id"]:"asdf-jkl"`).clauses[0]).toMatchObject({
      field: 'metadata',
      metadataKey: 'donation-id',
      value: 'asdf-jkl',
    });
    expect(parseSearchQuery(`metadata['order_id']:'6735'`).clauses[0]).toMatchObject({ metadataKey: 'order_id', value: '6735' });
  });

  test('clauses join with a space (AND), AND or OR in any case', () => {
    expect(parseSearchQuery(`currency:"usd" amount>5`).combinator).toBe('AND');
    expect(parseSearchQuery(`currency:"usd" and amount>5 AND name:"x"`)).toMatchObject({ combinator: 'AND', clauses: [{}, {}, {}] });
    expect(parseSearchQuery(`currency:"usd" or currency:"eur" OR currency:"jpy"`)).toMatchObject({
      combinator: 'OR',
      clauses: [{}, {}, {}],
    });
  });

  test('AND and OR in one query are refused, a space counting as AND', () => {
    for (const query of [`currency:"usd" AND amount>5 OR name:"x"`, `currency:"usd" OR currency:"eur" amount>5`]) {
      const error = errorOf(() => parseSearchQuery(query));
      expect(error.status).toBe(400);
      expect(error.body).toMatchObject({ type: 'invalid_request_error' });
      expect(error.body.message).toMatch(/^We were unable to parse your search query\. AND and OR cannot be combined/);
    }
  });

  test('at most 10 clauses', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `amount>${i}`).join(' ');
    expect(parseSearchQuery(ten).clauses).toHaveLength(10);
    expect(errorOf(() => parseSearchQuery(`${ten} amount>10`)).body.message).toMatch(/at most 10 clauses/);
  });

  test('anything else is Stripe\'s "unable to parse" 400', () => {
    for (const query of [
      'asdf', // no operator
      '   ', // no clause
      'currency:usd', // a string value must be quoted
      'currency="usd"', // `=` is not an operator
      'currency: "usd"', // no space after the operator
      '(currency:"usd")', // no parentheses
      'currency:"usd" AND', // a dangling keyword
      'currency:"usd', // an unterminated string
      'currency:"usd"amount>5', // clauses need whitespace between them
      'metadata[key]:"v"', // the metadata key must be quoted
      '- currency:"usd"', // the minus sticks to its field
    ]) {
      const error = errorOf(() => parseSearchQuery(query));
      expect(error.status, query).toBe(400);
      expect(error.body, query).toEqual({ type: 'invalid_request_error', message: UNPARSABLE });
    }
  });
});

test.describe('matching', () => {
  const run = (query: string, things: Thing[]) => things.filter(compileSearchQuery(query, FIELDS));

  test('an unknown field names the resource and its docs anchor, as Stripe does', () => {
    const error = errorOf(() => compileSearchQuery('foo:"bar"', FIELDS));
    expect(error.status).toBe(400);
    expect(error.body.message).toBe(
      'Field `foo` is an unsupported search field for resource `payment_intents`. See http://stripe.com/docs/search#query-fields-for-payment-intents for a list of supported fields.',
    );
  });

  test('token fields: exact and case-insensitive, booleans as "true"/"false"', () => {
    const usd = thing({ currency: 'usd' });
    const eur = thing({ currency: 'eur', active: false });
    expect(run('currency:"USD"', [usd, eur])).toEqual([usd]);
    expect(run('currency:"us"', [usd, eur])).toEqual([]);
    expect(run('active:"false"', [usd, eur])).toEqual([eur]);
  });

  test("string fields: the query's words in order, case-insensitive; ~ finds a substring of at least 3 characters", () => {
    const long = thing({ name: 'One Two Three Four', email: 'amy@rocketrides.io' });
    const other = thing({ name: 'three two one', email: 'xamy@example.test' });
    expect(run('name:"one two three"', [long, other])).toEqual([long]);
    expect(run('name:"two four"', [long, other])).toEqual([]);
    expect(run('email:"AMY@rocketrides.io"', [long, other])).toEqual([long]);
    expect(run('email~"amy"', [long, other])).toEqual([long, other]);
    expect(errorOf(() => compileSearchQuery('email~"am"', FIELDS)).body.message).toMatch(/at least 3 characters/);
  });

  test('numeric fields: equality and comparisons, quoted or not', () => {
    const small = thing({ amount: 500 });
    const big = thing({ amount: 5000 });
    expect(run('amount>1000', [small, big])).toEqual([big]);
    expect(run('amount<="500"', [small, big])).toEqual([small]);
    expect(run('amount:5000', [small, big])).toEqual([big]);
    expect(errorOf(() => compileSearchQuery('amount:"lots"', FIELDS)).body.message).toMatch(/numeric/);
  });

  test('an operator the field type does not take is a 400', () => {
    for (const query of ['name>5', 'currency~"usd"', 'amount~"100"', 'metadata["k"]>5']) {
      const error = errorOf(() => compileSearchQuery(query, FIELDS));
      expect(error.status, query).toBe(400);
      expect(error.body.message, query).toMatch(/does not support the/);
    }
  });

  test("metadata: a key's value, and null for presence", () => {
    const tagged = thing({ metadata: { order: 'A-1' } });
    const plain = thing();
    expect(run('metadata["order"]:"a-1"', [tagged, plain])).toEqual([tagged]);
    expect(run('metadata["order"]:null', [tagged, plain])).toEqual([plain]);
    expect(run('-metadata["order"]:null', [tagged, plain])).toEqual([tagged]);
  });

  test('negation, null on a field, AND and OR', () => {
    const named = thing({ name: 'Amy', currency: 'eur' });
    const anonymous = thing({ name: null, currency: 'usd' });
    expect(run('-currency:"usd"', [named, anonymous])).toEqual([named]);
    expect(run('name:null', [named, anonymous])).toEqual([anonymous]);
    expect(run('currency:"usd" AND name:null', [named, anonymous])).toEqual([anonymous]);
    expect(run('currency:"usd" AND name:"amy"', [named, anonymous])).toEqual([]);
    expect(run('currency:"usd" OR name:"amy"', [named, anonymous])).toEqual([named, anonymous]);
  });
});
