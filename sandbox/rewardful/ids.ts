import { randomUUID } from 'node:crypto';

/** Rewardful's ids are UUIDs (every object example in https://developers.rewardful.com/rest-api). */
export function newUuid(): string {
  return randomUUID();
}

/** Timestamps are ISO 8601 strings (same examples). */
export function isoNow(): string {
  return new Date().toISOString();
}

export function isoInDays(days: number, from = Date.now()): string {
  return new Date(from + days * 86_400_000).toISOString();
}
