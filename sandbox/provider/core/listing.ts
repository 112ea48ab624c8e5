import { invalidRequest, resourceMissing } from './errors';
import type { Params } from './params';

export interface StripeList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

interface Listable {
  id: string;
  created: number;
}

/** Keeps objects whose `created` matches `created=<ts>` or `created[gte|gt|lte|lt]=<ts>`. */
export function matchesCreated(params: Params, created: number, name = 'created'): boolean {
  const filter = params[name];
  if (filter === undefined) return true;
  if (typeof filter === 'string') return created === toTimestamp(filter, name);
  if (typeof filter !== 'object' || filter === null) throw invalidRequest(`Invalid ${name}`, { param: name });
  const bounds = filter as Record<string, unknown>;
  for (const key of Object.keys(bounds)) {
    if (!['gt', 'gte', 'lt', 'lte'].includes(key))
      throw invalidRequest(`Received unknown parameter: ${name}[${key}]`, { param: `${name}[${key}]`, code: 'parameter_unknown' });
  }
  const at = (key: string) => (bounds[key] === undefined ? undefined : toTimestamp(bounds[key], `${name}[${key}]`));
  const gt = at('gt'),
    gte = at('gte'),
    lt = at('lt'),
    lte = at('lte');
  return (
    (gt === undefined || created > gt) &&
    (gte === undefined || created >= gte) &&
    (lt === undefined || created < lt) &&
    (lte === undefined || created <= lte)
  );
}

function toTimestamp(value: unknown, param: string): number {
  if (typeof value !== 'string' || !/^\d+$/.test(value))
    throw invalidRequest(`Invalid timestamp: ${String(value)}`, { param, code: 'parameter_invalid_integer' });
  return Number(value);
}

/**
 * One page of Stripe's cursor pagination over `items` (already filtered, newest first):
 * `limit` 1..100 (default 10), `starting_after` (older than), `ending_before` (newer than), `created` range.
 */
export function paginate<T extends Listable>(items: T[], params: Params, url: string, objectName: string): StripeList<T> {
  const limit = readLimit(params);
  let candidates = items.filter((item) => matchesCreated(params, item.created));
  const startingAfter = params.starting_after;
  const endingBefore = params.ending_before;
  if (typeof startingAfter === 'string' && startingAfter !== '') {
    const index = candidates.findIndex((item) => item.id === startingAfter);
    if (index < 0) throw resourceMissing(objectName, startingAfter, 'starting_after');
    candidates = candidates.slice(index + 1);
    return { object: 'list', data: candidates.slice(0, limit), has_more: candidates.length > limit, url };
  }
  if (typeof endingBefore === 'string' && endingBefore !== '') {
    const index = candidates.findIndex((item) => item.id === endingBefore);
    if (index < 0) throw resourceMissing(objectName, endingBefore, 'ending_before');
    const newer = candidates.slice(0, index);
    const page = newer.slice(Math.max(0, newer.length - limit));
    return { object: 'list', data: page, has_more: newer.length > limit, url };
  }
  return { object: 'list', data: candidates.slice(0, limit), has_more: candidates.length > limit, url };
}

function readLimit(params: Params): number {
  const raw = params.limit;
  if (raw === undefined || raw === '') return 10;
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw))
    throw invalidRequest(`Invalid integer: ${String(raw)}`, { param: 'limit', code: 'parameter_invalid_integer' });
  const limit = Number(raw);
  if (limit < 1) throw invalidRequest('This value must be greater than or equal to 1.', { param: 'limit' });
  if (limit > 100) throw invalidRequest('This value must be less than or equal to 100.', { param: 'limit' });
  return limit;
}

/** The list params every list endpoint accepts, besides its own filters. */
export const LIST_PARAMS = ['limit', 'starting_after', 'ending_before', 'created'] as const;
