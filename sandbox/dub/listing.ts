import { unprocessable } from './apiError';
import type { Query } from './context';

/**
 * Dub's page-numbered lists: `page` from 1, `pageSize` default and maximum 100 (SRC zod/schemas/misc.ts
 * getPaginationQuerySchema); answers are bare JSON arrays (SDK return types).
 */
export function pageOf<T>(items: T[], query: Query, sizeParam: 'pageSize' | 'limit' = 'pageSize', maxSize = 100): T[] {
  const page = positiveInt(query.page, 'page') ?? 1;
  const size = positiveInt(query[sizeParam], sizeParam) ?? maxSize;
  if (size > maxSize) throw unprocessable(`${sizeParam}: Too big: expected number to be <=${maxSize}`);
  return items.slice((page - 1) * size, page * size);
}

/**
 * Cursor lists (GET /commissions): `startingAfter` / `endingBefore` name an id of the list as sorted, mutually
 * exclusive (SRC zod/schemas/misc.ts getCursorPaginationQuerySchema); `page` still works (deprecated).
 */
export function cursorPageOf<T extends { id: string }>(items: T[], query: Query): T[] {
  if (query.startingAfter && query.endingBefore) throw unprocessable('startingAfter and endingBefore are mutually exclusive.');
  const size = positiveInt(query.pageSize, 'pageSize') ?? 100;
  if (size > 100) throw unprocessable('pageSize: Too big: expected number to be <=100');
  if (query.startingAfter) {
    const at = items.findIndex((item) => item.id === query.startingAfter);
    return at < 0 ? [] : items.slice(at + 1, at + 1 + size);
  }
  if (query.endingBefore) {
    const at = items.findIndex((item) => item.id === query.endingBefore);
    return at < 0 ? [] : items.slice(Math.max(0, at - size), at);
  }
  return pageOf(items, query);
}

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw unprocessable(`${name}: Expected a positive integer.`);
  return number;
}
