import { randomBytes } from 'node:crypto';

/** A new object id such as `clk_5fQ2…`: the prefix names the object type, the rest is random. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

/** Unix seconds, the time unit of every `created`-like field. */
export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}
