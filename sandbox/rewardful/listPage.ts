import { RewardfulApiError } from './apiError';

/**
 * A page of a list as Rewardful answers it: `{ pagination, data }`, newest first, `page` from 1 and `limit` 25 by
 * default, 100 at most (https://developers.rewardful.com/rest-api/overview#pagination and every list page, e.g.
 * https://developers.rewardful.com/rest-api/commissions/list). Pagination's field names from the docs' PDF export
 * (https://developers.rewardful.com/~gitbook/pdf).
 */
export interface Page<T> {
  pagination: {
    previous_page: number | null;
    current_page: number;
    next_page: number | null;
    count: number;
    limit: number;
    total_pages: number;
    total_count: number;
  };
  data: T[];
}

function positiveInteger(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const text = Array.isArray(value) ? String(value[0]) : String(value);
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new RewardfulApiError(400, `Invalid ${name}: ${text}`);
  return Number(text);
}

export function listPage<T>(newestFirst: T[], query: Record<string, unknown>): Page<T> {
  // guess: a limit above 100 is clamped to 100 (the docs say "maximum is 100", not what happens above it).
  const limit = Math.min(100, positiveInteger(query.limit, 'limit', 25));
  const page = positiveInteger(query.page, 'page', 1);
  const totalPages = Math.max(1, Math.ceil(newestFirst.length / limit));
  const data = newestFirst.slice((page - 1) * limit, page * limit);
  return {
    pagination: {
      previous_page: page > 1 ? page - 1 : null,
      current_page: page,
      next_page: page < totalPages ? page + 1 : null,
      count: data.length,
      limit,
      total_pages: totalPages,
      total_count: newestFirst.length,
    },
    data,
  };
}

/** `expand=x`, `expand[]=x&expand[]=y` (https://developers.rewardful.com/rest-api/overview#expanding-objects). */
export function expansions(query: Record<string, unknown>): Set<string> {
  const raw = query.expand ?? query['expand[]'];
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return new Set(values.map(String));
}

/** A filter given once (`state=due`) or as a list (`state[]=due&state[]=pending`). */
export function manyValues(query: Record<string, unknown>, name: string): string[] | undefined {
  const raw = query[name] ?? query[`${name}[]`];
  if (raw === undefined) return undefined;
  return (Array.isArray(raw) ? raw : [raw]).map(String);
}

export function oneValue(query: Record<string, unknown>, name: string): string | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  return Array.isArray(raw) ? String(raw[0]) : String(raw);
}

/** Newest first: Rewardful's lists are "sorted by creation date, with the most recent … appearing first". */
export function newestFirst<T extends { created_at: string }>(items: Iterable<T>): T[] {
  return [...items].reverse();
}
