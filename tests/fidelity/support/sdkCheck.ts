import { isExpanded, jsonType, pointerOf, ROOT, type Place } from './places';
import type { SdkShape, SdkTypes } from './sdkTypes';

type ObjectShape = Extract<SdkShape, { kind: 'object' }>;

/** Fields that tell the SDK's object types apart: `object`, an event's `type`, a deleted object's `deleted`. */
const DISCRIMINANTS = ['object', 'type', 'deleted'] as const;

/**
 * Checks a raw response against the SDK's declarations for the current API version. The response's `object` picks the
 * type (`customer` → `Customer` or `DeletedCustomer`, `event` → the event type its `type` names, `list` →
 * `ApiList`); then every object in it, nested ones by their declared types:
 * - each required (non-`?`) property is present; no property the type does not declare is there (unless the type has
 *   an index signature, like `Metadata`);
 * - values have the declared JSON type; string and boolean literals (`status: 'succeeded' | …`) hold one of theirs;
 * - a field declared `string | Customer` (an id unless expanded) is an object only when `expand[]` asked for it.
 * Returns `<json pointer>: <problem>` lines.
 */
export function checkAgainstSdk(types: SdkTypes, value: unknown, expand: string[], at: Place = ROOT): string[] {
  const problems: string[] = [];
  const walker = new SdkWalker(types, expand, problems);
  if (isErrorAnswer(value)) {
    // An error answer is `{ error: … }`, the `error` as stripe-node declares the raw error (`Stripe.StripeRawError`).
    for (const name of Object.keys(value).filter((key) => key !== 'error'))
      problems.push(`${pointerOf(at)}/${name}: not part of an error answer ({ error })`);
    walker.check(types.exported('StripeRawError'), value.error, { pointer: [...at.pointer, 'error'], dotted: [...at.dotted, 'error'] });
    return problems;
  }
  walker.check({ kind: 'byObject' }, value, at);
  return problems;
}

function isErrorAnswer(value: unknown): value is { error: unknown } {
  return jsonType(value) === 'object' && 'error' in (value as object) && !('object' in (value as object));
}

class SdkWalker {
  constructor(
    private readonly types: SdkTypes,
    private readonly expand: string[],
    private readonly problems: string[],
  ) {}

  check(shape: SdkShape, value: unknown, at: Place): void {
    const problem = (text: string): void => {
      this.problems.push(`${pointerOf(at)}: ${text}`);
    };
    switch (shape.kind) {
      case 'any':
        return;
      case 'absent':
        return problem(`${jsonType(value)}, but the SDK declares it never set (undefined)`);
      case 'null':
        if (value !== null) problem(`${jsonType(value)}, expected null`);
        return;
      case 'string':
      case 'number':
      case 'boolean':
        if (jsonType(value) !== shape.kind) problem(`${jsonType(value)}, expected a ${shape.kind}`);
        return;
      case 'decimal':
        if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value)) problem(`${JSON.stringify(value)}, expected a decimal string`);
        return;
      case 'literal':
        if (value !== shape.value) problem(`${JSON.stringify(value)}, expected ${JSON.stringify(shape.value)}`);
        return;
      case 'array':
        if (!Array.isArray(value)) return problem(`${jsonType(value)}, expected an array`);
        value.forEach((item, index) => this.check(shape.item, item, { pointer: [...at.pointer, String(index)], dotted: at.dotted }));
        return;
      case 'object':
        return this.checkObject(shape, value, at);
      case 'byObject':
        return this.checkByObject(value, at);
      case 'union':
        return this.checkUnion(shape.members, value, at);
    }
  }

  private checkByObject(value: unknown, at: Place): void {
    const objectName = jsonType(value) === 'object' ? (value as Record<string, unknown>).object : undefined;
    if (typeof objectName !== 'string') {
      this.problems.push(`${pointerOf(at)}: ${jsonType(value)} without an \`object\`, so no SDK type to check it against`);
      return;
    }
    const candidates = (this.types.byObject.get(objectName) ?? []).map((entry) => this.types.objectShape(entry));
    if (candidates.length === 0) {
      this.problems.push(`${pointerOf(at)}: object "${objectName}" is not one the SDK declares`);
      return;
    }
    this.checkOneOf(candidates, value, at);
  }

  private checkUnion(members: SdkShape[], value: unknown, at: Place): void {
    const type = jsonType(value);
    const problem = (text: string): void => {
      this.problems.push(`${pointerOf(at)}: ${text}`);
    };
    if (type === 'null') {
      if (!members.some((member) => member.kind === 'null' || member.kind === 'any'))
        problem(`null, but the SDK declares ${describe(members)}`);
      return;
    }
    if (members.some((member) => member.kind === 'any' || (member.kind === type && type !== 'object'))) return;
    if (type === 'string' && members.some((member) => member.kind === 'decimal')) return this.check({ kind: 'decimal' }, value, at);
    const literals = members.filter(
      (member): member is Extract<SdkShape, { kind: 'literal' }> => member.kind === 'literal' && jsonType(member.value) === type,
    );
    if (literals.length > 0) {
      if (!literals.some((literal) => literal.value === value))
        problem(`${JSON.stringify(value)} is not one of ${literals.map((literal) => JSON.stringify(literal.value)).join(' | ')}`);
      return;
    }
    if (type === 'array') {
      const array = members.find((member) => member.kind === 'array');
      if (array) return this.check(array, value, at);
    }
    if (type === 'object') {
      const objects = members.filter(
        (member): member is ObjectShape | { kind: 'byObject' } => member.kind === 'object' || member.kind === 'byObject',
      );
      if (objects.length > 0) {
        const idOrObject = members.some((member) => member.kind === 'string');
        if (idOrObject && !isExpanded(this.expand, at.dotted)) {
          problem(
            `an expanded object although the request did not ask for expand[]=${at.dotted.join('.')} (the SDK declares ${describe(members)}: Stripe sends the id)`,
          );
        }
        if (objects.some((member) => member.kind === 'byObject')) return this.checkByObject(value, at);
        return this.checkOneOf(objects as ObjectShape[], value, at);
      }
    }
    problem(`${type}, expected ${describe(members)}`);
  }

  /** Picks the candidate whose literal fields (`object`, `type`, `deleted`) fit the value, then the one with fewest problems. */
  private checkOneOf(candidates: ObjectShape[], value: unknown, at: Place): void {
    if (jsonType(value) !== 'object') {
      this.problems.push(`${pointerOf(at)}: ${jsonType(value)}, expected ${candidates.map((candidate) => candidate.name).join(' | ')}`);
      return;
    }
    const record = value as Record<string, unknown>;
    // A candidate whose literal fields all fit; the ones that pin them more narrowly come first: `CustomerCreatedEvent`
    // declares `type: 'customer.created'`, `EventBase` the union of every event type.
    const scored = candidates.map((candidate) => {
      let pinned = 0;
      for (const name of DISCRIMINANTS) {
        const literal = this.types.literalField(candidate, name);
        if (!literal) continue;
        if (!accepts(literal, record[name])) return { candidate, pinned: -1 };
        pinned += literal.kind === 'union' ? 1 : 2;
      }
      return { candidate, pinned };
    });
    const most = Math.max(...scored.map((entry) => entry.pinned));
    const fitting = most < 0 ? [] : scored.filter((entry) => entry.pinned === most).map((entry) => entry.candidate);
    if (fitting.length === 0) {
      const said = DISCRIMINANTS.filter((name) => name in record).map((name) => `${name} ${JSON.stringify(record[name])}`);
      this.problems.push(`${pointerOf(at)}: no SDK type declares ${said.join(' and ')} (candidates: ${candidates.length})`);
      return;
    }
    let best: string[] | null = null;
    for (const candidate of fitting) {
      const found: string[] = [];
      new SdkWalker(this.types, this.expand, found).checkObject(candidate, value, at);
      if (best === null || found.length < best.length) best = found;
      if (found.length === 0) break;
    }
    this.problems.push(...(best ?? []));
  }

  checkObject(shape: ObjectShape, value: unknown, at: Place): void {
    if (jsonType(value) !== 'object') {
      this.problems.push(`${pointerOf(at)}: ${jsonType(value)}, expected ${shape.name}`);
      return;
    }
    const record = value as Record<string, unknown>;
    const fields = this.types.fields(shape);
    for (const [name, field] of fields) {
      if (!field.optional && !(name in record)) this.problems.push(`${pointerOf(at)}/${name}: missing (required by ${shape.name})`);
    }
    for (const [name, fieldValue] of Object.entries(record)) {
      const place = { pointer: [...at.pointer, name], dotted: [...at.dotted, name] };
      const field = fields.get(name);
      // An optional field's type carries `| undefined`: present, it must be one of the other members.
      if (field) {
        this.check(withoutAbsent(field.shape), fieldValue, place);
        continue;
      }
      const index = this.types.index(shape);
      if (index) this.check(index, fieldValue, place);
      else this.problems.push(`${pointerOf(place)}: not declared by ${shape.name}`);
    }
  }
}

function withoutAbsent(shape: SdkShape): SdkShape {
  if (shape.kind !== 'union') return shape;
  const members = shape.members.filter((member) => member.kind !== 'absent');
  if (members.length === shape.members.length) return shape;
  if (members.length === 0) return { kind: 'absent' };
  return members.length === 1 ? members[0]! : { kind: 'union', members };
}

function accepts(literal: SdkShape, value: unknown): boolean {
  if (literal.kind === 'literal') return value === literal.value;
  if (literal.kind === 'absent') return value === undefined;
  if (literal.kind === 'union') return literal.members.some((member) => accepts(member, value));
  return true;
}

function describe(members: SdkShape[]): string {
  return members
    .map((member) => {
      if (member.kind === 'object') return member.name;
      if (member.kind === 'literal') return JSON.stringify(member.value);
      if (member.kind === 'union') return describe(member.members);
      return member.kind === 'byObject' ? 'an SDK object' : member.kind;
    })
    .join(' | ');
}
