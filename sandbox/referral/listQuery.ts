import { invalidParam } from './apiError';

export interface ListPage<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

export interface ListSpec<T> {
  /** The list's path, echoed as `url`. */
  url: string;
  /** Route-specific filters: query parameter → does the item match this value? */
  filters?: Record<string, (item: T, value: string) => boolean>;
  /** The item's creation time in unix seconds (default `created`). */
  createdOf?: (item: T) => number;
}

type Listable = { id: string; created?: number; metadata?: Record<string, string> };

const RANGE_OPERATORS = ['gt', 'gte', 'lt', 'lte'] as const;

function asString(value: unknown, param: string): string {
  if (typeof value !== 'string') throw invalidParam(param, `Invalid ${param}: expected a single string value.`);
  return value;
}

function asInteger(value: unknown, param: string): number {
  const text = asString(value, param);
  if (!/^-?\d+$/.test(text)) throw invalidParam(param, `Invalid ${param}: expected an integer, got '${text}'.`);
  return Number(text);
}

function createdMatcher(value: unknown): (created: number) => boolean {
  if (typeof value === 'string') {
    const exact = asInteger(value, 'created');
    return (created) => created === exact;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidParam('created', 'Invalid created: use created=<unix> or created[gte|gt|lte|lt]=<unix>.');
  }
  const bounds: Array<(created: number) => boolean> = [];
  for (const [op, raw] of Object.entries(value)) {
    if (!(RANGE_OPERATORS as readonly string[]).includes(op)) {
      throw invalidParam(`created[${op}]`, `Unknown range operator '${op}'; use gte, gt, lte or lt.`, 'parameter_unknown');
    }
    const bound = asInteger(raw, `created[${op}]`);
    if (op === 'gt') bounds.push((c) => c > bound);
    if (op === 'gte') bounds.push((c) => c >= bound);
    if (op === 'lt') bounds.push((c) => c < bound);
    if (op === 'lte') bounds.push((c) => c <= bound);
  }
  return (created) => bounds.every((inRange) => inRange(created));
}

function metadataMatcher(value: unknown): (metadata: Record<string, string> | undefined) => boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidParam('metadata', 'Invalid metadata filter: use metadata[key]=value.');
  }
  const wanted = Object.entries(value).map(([key, raw]) => [key, asString(raw, `metadata[${key}]`)] as const);
  return (metadata) => wanted.every(([key, expected]) => metadata?.[key] === expected);
}

/**
 * One page of a Stripe-style list: newest first, filtered by `created`, `metadata[key]` and the route's own
 * filters, paged by `limit` (1–100, default 10), `starting_after` and `ending_before`. Unknown parameters are
 * rejected, as Stripe does, so a typo in a filter cannot silently return everything.
 */
export function listPage<T extends Listable>(items: Iterable<T>, query: Record<string, unknown>, spec: ListSpec<T>): ListPage<T> {
  const createdOf = spec.createdOf ?? ((item: T) => item.created ?? 0);
  const filters = spec.filters ?? {};
  const checks: Array<(item: T) => boolean> = [];
  let limit = 10;
  let startingAfter: string | undefined;
  let endingBefore: string | undefined;

  for (const [param, value] of Object.entries(query)) {
    if (param === 'limit') {
      limit = asInteger(value, 'limit');
      if (limit < 1 || limit > 100) throw invalidParam('limit', 'Invalid limit: must be between 1 and 100.');
    } else if (param === 'starting_after') {
      startingAfter = asString(value, param);
    } else if (param === 'ending_before') {
      endingBefore = asString(value, param);
    } else if (param === 'created') {
      const inRange = createdMatcher(value);
      checks.push((item) => inRange(createdOf(item)));
    } else if (param === 'metadata') {
      const matches = metadataMatcher(value);
      checks.push((item) => matches(item.metadata));
    } else if (filters[param]) {
      const text = asString(value, param);
      const matches = filters[param];
      checks.push((item) => matches(item, text));
    } else {
      throw invalidParam(param, `Received unknown parameter: ${param}`, 'parameter_unknown');
    }
  }
  if (startingAfter && endingBefore) {
    throw invalidParam('ending_before', 'Use starting_after or ending_before, not both.');
  }

  const newestFirst = [...items].reverse().filter((item) => checks.every((check) => check(item)));
  let from = 0;
  let to = newestFirst.length;
  if (startingAfter) {
    const index = newestFirst.findIndex((item) => item.id === startingAfter);
    if (index < 0) throw invalidParam('starting_after', `No such object in this list: '${startingAfter}'`, 'resource_missing');
    from = index + 1;
  }
  if (endingBefore) {
    const index = newestFirst.findIndex((item) => item.id === endingBefore);
    if (index < 0) throw invalidParam('ending_before', `No such object in this list: '${endingBefore}'`, 'resource_missing');
    to = index;
    from = Math.max(0, to - limit);
  }
  const window = newestFirst.slice(from, to);
  const data = window.slice(0, limit);
  const hasMore = endingBefore ? from > 0 : window.length > limit;
  return { object: 'list', data, has_more: hasMore, url: spec.url };
}
