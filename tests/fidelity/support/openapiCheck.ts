import type { OpenApiSchema, OpenApiSpec } from './openapiSpec';
import { isExpanded, jsonType, pointerOf, type Place } from './places';

/** What checking one value against a schema found. */
export interface SchemaFindings {
  /** `<json pointer>: <problem>`, e.g. `#/charges: missing (required by payment_intent)`. */
  problems: string[];
  /**
   * Properties the schema does not declare. Stripe's spec leaves `additionalProperties` unset on its objects, so
   * these are allowed (Stripe adds fields to every version); listed for the reader, never a failure.
   */
  undeclared: string[];
}

/**
 * Checks a JSON value against a schema of Stripe's OpenAPI 3.0 spec as Stripe writes them:
 * - `$ref` to `#/components/schemas/…`; `nullable: true` (OpenAPI 3.0's null, not a `type`);
 * - `anyOf` / `oneOf`: some branch must match; when none does, the problems of the closest branch are reported (the
 *   one of the value's JSON type whose `object` enum names the value's `object`);
 * - `x-expandableFields`: Stripe writes each expandable field as `anyOf: [{ type: string }, { $ref: … }]` (an id
 *   unless expanded), which the `anyOf` rule checks; in addition an expandable field that arrives as an object when the
 *   request's `expand[]` did not ask for it is a problem ("expanded by default");
 * - `additionalProperties`: a schema (e.g. `metadata`: string values) checks every extra property, `false` forbids
 *   them, absent (Stripe's objects) allows them (listed in `undeclared`);
 * - `required`, `type` (`integer` is a whole number), `enum`, `maxLength`, `items`.
 */
export function checkAgainstSchema(
  spec: OpenApiSpec,
  schema: OpenApiSchema,
  value: unknown,
  expand: string[],
  at: Place = { pointer: [], dotted: [] },
): SchemaFindings {
  const findings: SchemaFindings = { problems: [], undeclared: [] };
  new SchemaWalker(spec, expand, findings).check(schema, value, at);
  return findings;
}

class SchemaWalker {
  constructor(
    private readonly spec: OpenApiSpec,
    private readonly expand: string[],
    private readonly findings: SchemaFindings,
  ) {}

  check(raw: OpenApiSchema, value: unknown, at: Place, expandable = false): void {
    const schema = this.spec.resolve(raw);
    const problem = (text: string): void => {
      this.findings.problems.push(`${pointerOf(at)}: ${text}`);
    };
    if (value === null || value === undefined) {
      if (!this.nullable(schema)) problem(`null, but ${this.describe(schema)} is not nullable`);
      return;
    }
    const branches = schema.anyOf ?? schema.oneOf;
    if (branches) return this.checkBranches(schema, branches, value, at, expandable);
    for (const part of schema.allOf ?? []) this.check(part, value, at);

    if (schema.enum && !schema.enum.includes(value))
      problem(`${JSON.stringify(value)} is not one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`);
    switch (schema.type) {
      case 'string':
        if (typeof value !== 'string') return problem(`${jsonType(value)}, expected a string`);
        if (schema.maxLength !== undefined && value.length > schema.maxLength)
          problem(`a string of ${value.length} characters (maxLength ${schema.maxLength})`);
        return;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) problem(`${JSON.stringify(value)}, expected an integer`);
        return;
      case 'number':
        if (typeof value !== 'number') problem(`${jsonType(value)}, expected a number`);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') problem(`${jsonType(value)}, expected a boolean`);
        return;
      case 'array':
        if (!Array.isArray(value)) return problem(`${jsonType(value)}, expected an array`);
        if (schema.items)
          value.forEach((item, index) => this.check(schema.items!, item, { pointer: [...at.pointer, String(index)], dotted: at.dotted }));
        return;
      default:
        if (schema.type === 'object' || schema.properties) this.checkObject(schema, value, at);
    }
  }

  private checkObject(schema: OpenApiSchema, value: unknown, at: Place): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.findings.problems.push(`${pointerOf(at)}: ${jsonType(value)}, expected ${this.describe(schema)}`);
      return;
    }
    const record = value as Record<string, unknown>;
    const properties = schema.properties ?? {};
    const expandableFields = new Set(schema['x-expandableFields'] ?? []);
    for (const name of schema.required ?? []) {
      if (!(name in record)) this.findings.problems.push(`${pointerOf(at)}/${name}: missing (required by ${this.describe(schema)})`);
    }
    for (const [name, field] of Object.entries(record)) {
      const place = { pointer: [...at.pointer, name], dotted: [...at.dotted, name] };
      const declared = properties[name];
      if (declared) {
        this.check(declared, field, place, expandableFields.has(name));
      } else if (typeof schema.additionalProperties === 'object') {
        this.check(schema.additionalProperties, field, place);
      } else if (schema.additionalProperties === false) {
        this.findings.problems.push(`${pointerOf(place)}: not allowed by ${this.describe(schema)} (additionalProperties: false)`);
      } else if (Object.keys(properties).length > 0) {
        this.findings.undeclared.push(pointerOf(place));
      }
    }
  }

  private checkBranches(schema: OpenApiSchema, branches: OpenApiSchema[], value: unknown, at: Place, expandable: boolean): void {
    const resolved = branches.map((branch) => this.spec.resolve(branch));
    const attempts = resolved.map((branch) => {
      const findings: SchemaFindings = { problems: [], undeclared: [] };
      new SchemaWalker(this.spec, this.expand, findings).check(branch, value, at);
      return { branch, findings };
    });
    const match = attempts.find((attempt) => attempt.findings.problems.length === 0);
    if (match) {
      this.findings.undeclared.push(...match.findings.undeclared);
      const idOrObject =
        resolved.some((branch) => branch.type === 'string') && resolved.some((branch) => branch.type === 'object' || branch.properties);
      if (expandable && idOrObject && jsonType(value) === 'object' && !isExpanded(this.expand, at.dotted)) {
        this.findings.problems.push(
          `${pointerOf(at)}: an expanded ${this.describe(match.branch)} although the request did not ask for expand[]=${at.dotted.join('.')} (Stripe sends the id)`,
        );
      }
      return;
    }
    const sameType = attempts.filter((attempt) => this.acceptsJsonType(attempt.branch, value));
    if (sameType.length === 0) {
      this.findings.problems.push(
        `${pointerOf(at)}: ${jsonType(value)}, expected ${resolved.map((branch) => this.describe(branch)).join(' | ')}${schema.nullable ? ' | null' : ''}`,
      );
      return;
    }
    const objectName = jsonType(value) === 'object' ? (value as Record<string, unknown>).object : undefined;
    const named = sameType.filter(
      (attempt) => objectName !== undefined && (attempt.branch.properties?.object?.enum ?? []).includes(objectName),
    );
    const closest = (named.length > 0 ? named : sameType).sort((a, b) => a.findings.problems.length - b.findings.problems.length)[0]!;
    this.findings.problems.push(...closest.findings.problems);
    this.findings.undeclared.push(...closest.findings.undeclared);
  }

  private nullable(schema: OpenApiSchema): boolean {
    if (schema.nullable) return true;
    return (schema.anyOf ?? schema.oneOf ?? []).some((branch) => this.nullable(this.spec.resolve(branch)));
  }

  private acceptsJsonType(schema: OpenApiSchema, value: unknown): boolean {
    const type = jsonType(value);
    if (schema.anyOf || schema.oneOf)
      return (schema.anyOf ?? schema.oneOf)!.some((branch) => this.acceptsJsonType(this.spec.resolve(branch), value));
    if (!schema.type) return schema.properties ? type === 'object' : true;
    if (schema.type === 'integer') return type === 'number';
    return schema.type === type;
  }

  private describe(schema: OpenApiSchema): string {
    if (schema['x-component']) return schema['x-component'];
    const branches = schema.anyOf ?? schema.oneOf;
    if (branches) return branches.map((branch) => this.describe(this.spec.resolve(branch))).join(' | ');
    if (schema.enum && schema.enum.length === 1) return JSON.stringify(schema.enum[0]);
    return schema.type ?? 'a value';
  }
}
