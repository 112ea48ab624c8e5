import { checkAgainstSchema, type SchemaFindings } from './openapiCheck';
import type { OpenApiSpec } from './openapiSpec';
import { jsonType, pointerOf, type Place } from './places';
import type { RecordedCall } from './recordingClient';
import { checkAgainstSdk } from './sdkCheck';
import type { SdkTypes } from './sdkTypes';
import type { VersionPromise } from './versionPromises';

/** `GET /v1/customers/{id}`: the call's path with its object ids (`cus_…`, `pi_…`) replaced, for messages. */
export function routeOf(call: RecordedCall): string {
  const path = call.path
    .split('/')
    .map((segment) => (/^[a-z]+(?:_[a-z]+)*_(?=[A-Za-z0-9]*[0-9A-Z])[A-Za-z0-9]{6,}$/.test(segment) ? '{id}' : segment))
    .join('/');
  return `${call.method} ${path}`;
}

/** Events in an answer (an event, or a list / search result of them) with where each sits. */
function eventsIn(body: unknown): { event: Record<string, unknown>; at: string[] }[] {
  if (jsonType(body) !== 'object') return [];
  const record = body as Record<string, unknown>;
  if (record.object === 'event') return [{ event: record, at: [] }];
  if (!Array.isArray(record.data)) return [];
  return record.data.flatMap((item, index) =>
    jsonType(item) === 'object' && (item as Record<string, unknown>).object === 'event'
      ? [{ event: item as Record<string, unknown>, at: ['data', String(index)] }]
      : [],
  );
}

export interface SpecCheck {
  /** The spec's operation (`GET /v1/customers/{customer}`), or null when the spec has none for this call. */
  operation: string | null;
  problems: string[];
  undeclared: string[];
}

/**
 * A call's answer against the published spec: the operation's response schema (`200`, or `default` for errors), and
 * each event's `data.object` against the schema of its object when the event is in the spec's version (the events API
 * sends an event's data as it was written, in the event's `api_version`, whatever the request's version).
 */
export function checkCallAgainstSpec(spec: OpenApiSpec, call: RecordedCall): SpecCheck {
  const operation = spec.operationFor(call.method, call.path);
  if (!operation) return { operation: null, problems: [], undeclared: [] };
  const schema = spec.responseSchema(operation, call.status);
  if (!schema)
    return {
      operation: operation.name,
      problems: [`${operation.name} #: no ${call.status} response in the ${spec.version} spec`],
      undeclared: [],
    };
  const findings = checkAgainstSchema(spec, schema, call.body, call.expand);
  const problems = findings.problems.map((line) => `${operation.name} ${line}`);
  const undeclared = [...findings.undeclared];
  for (const { event, at } of eventsIn(call.body)) {
    if (event.api_version !== spec.version) continue;
    const data = checkEventData(spec, event, at);
    problems.push(...data.problems.map((line) => `${operation.name} ${line}`));
    undeclared.push(...data.undeclared);
  }
  return { operation: operation.name, problems, undeclared };
}

/** An event's `data.object` against the spec's schema of that object (`customer` or `deleted_customer` by `deleted`). */
function checkEventData(spec: OpenApiSpec, event: Record<string, unknown>, at: string[]): SchemaFindings {
  const object = ((event.data ?? {}) as Record<string, unknown>).object as Record<string, unknown> | undefined;
  const place: Place = { pointer: [...at, 'data', 'object'], dotted: ['(event data)'] };
  if (jsonType(object) !== 'object') return { problems: [`${pointerOf(place)}: ${jsonType(object)}, expected an object`], undeclared: [] };
  const candidates = spec
    .componentsForObject(String(object!.object))
    .filter((candidate) => Boolean(candidate.schema.properties?.deleted) === (object!.deleted === true));
  if (candidates.length === 0)
    return {
      problems: [`${pointerOf(place)}: object ${JSON.stringify(object!.object)} has no schema in the ${spec.version} spec`],
      undeclared: [],
    };
  const best = candidates
    .map((candidate) => checkAgainstSchema(spec, candidate.schema, object, [], place))
    .sort((a, b) => a.problems.length - b.problems.length)[0]!;
  return { problems: best.problems.map((line) => `${line} (in a ${String(event.type)} event)`), undeclared: best.undeclared };
}

/** A webhook delivery (an event) against the spec's `event` schema and its `data.object` against its object's. */
export function checkDeliveryAgainstSpec(spec: OpenApiSpec, call: RecordedCall): SpecCheck {
  const envelope = checkAgainstSchema(spec, { $ref: '#/components/schemas/event' }, call.body, []);
  const data = checkEventData(spec, call.body as Record<string, unknown>, []);
  return {
    operation: call.path,
    problems: [...envelope.problems, ...data.problems].map((line) => `${call.path} ${line}`),
    undeclared: [...envelope.undeclared, ...data.undeclared],
  };
}

/**
 * Properties of an old-version answer that neither that version's spec nor the SDK's types (the newest version)
 * declare. Stripe adds fields to every version, so a field the old spec lacks is fine if the newest version has it;
 * one that neither has belongs to no version around them (a field of another object, or one an old-version rendering
 * added where Stripe never had it, e.g. on a deleted object). Unsure: a field added after the old version and removed
 * again before the SDK's would be reported too.
 */
export function undeclaredInBoth(specCheck: SpecCheck, types: SdkTypes, call: RecordedCall): string[] {
  const sdkUndeclared = new Set(
    checkAgainstSdk(types, call.body, call.expand)
      .filter((line) => / not declared by /.test(line))
      .map((line) => line.slice(0, line.indexOf(':'))),
  );
  return specCheck.undeclared
    .filter((pointer) => sdkUndeclared.has(pointer))
    .map(
      (pointer) =>
        `${specCheck.operation ?? routeOf(call)} ${pointer}: declared neither by this version's spec nor by stripe-node's types (the newest version)`,
    );
}

/** A call's answer against the SDK's declarations of the current version (see sdkCheck.ts). */
export function checkCallAgainstSdk(types: SdkTypes, call: RecordedCall): string[] {
  return checkAgainstSdk(types, call.body, call.expand).map((line) => `${routeOf(call)} ${line}`);
}

/** Every object in an answer with the given `object`, wherever it sits (lists, expansions, event data). */
function objectsIn(value: unknown, objectName: string, at: string[] = []): { object: Record<string, unknown>; at: string[] }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => objectsIn(item, objectName, [...at, String(index)]));
  if (jsonType(value) !== 'object') return [];
  const record = value as Record<string, unknown>;
  const here = record.object === objectName ? [{ object: record, at }] : [];
  return [...here, ...Object.entries(record).flatMap(([key, field]) => objectsIn(field, objectName, [...at, key]))];
}

/**
 * How the answers of a tour keep one version promise: the objects it was checked on, and where it did not hold. A
 * deleted object (`{ id, object, deleted: true }`, e.g. `DELETE /v1/invoices/:id`) is not the object a promise is
 * about: Stripe answers it in the same shape in every version (the 2023-08-16 spec's `deleted_invoice`, stripe-node's
 * `DeletedInvoice`), and the schema checks read it by that schema.
 */
export function checkPromise(promise: VersionPromise, calls: RecordedCall[]): { checked: number; problems: string[] } {
  let checked = 0;
  const problems: string[] = [];
  for (const call of calls) {
    if (call.status !== 200 || (promise.stop && call.stop !== promise.stop)) continue;
    for (const { object, at } of objectsIn(call.body, promise.object)) {
      if (object.deleted === true) continue;
      if (promise.stop && at.length > 0) continue; // the stop's own answer, not objects nested in it
      checked++;
      if (!promise.holds(object))
        problems.push(`${routeOf(call)} ${pointerOf({ pointer: at, dotted: [] })}: ${promise.says}: not so (${promise.source})`);
    }
  }
  return { checked, problems };
}

/** The `api_version` of every event the tour's answers carried (events and lists of them). */
export function eventVersions(calls: RecordedCall[]): string[] {
  return calls.flatMap((call) => eventsIn(call.body).map(({ event }) => String(event.api_version)));
}

/**
 * Successful calls sent in `version` whose answer says another version (its `Stripe-Version` header). Error answers are
 * left out: a 401 answers before the version is read (the sandbox's order; Stripe's is unknown).
 */
export function answeredInAnotherVersion(calls: RecordedCall[], version: string): string[] {
  return calls
    .filter((call) => call.status < 300 && call.requestVersion === version && call.responseVersion !== version)
    .map((call) => `${routeOf(call)}: ${call.responseVersion}`);
}

/** Deliveries whose envelope is not in the endpoint's version, and events written but never delivered. */
export function deliveryVersionProblems(deliveries: {
  endpointVersion: string;
  events: Record<string, unknown>[];
  missing: string[];
}): string[] {
  return [
    ...deliveries.events
      .filter((event) => event.api_version !== deliveries.endpointVersion)
      .map((event) => `${String(event.type)} ${String(event.id)}: delivered with api_version ${String(event.api_version)}`),
    ...deliveries.missing.map((id) => `${id}: never delivered`),
  ];
}
