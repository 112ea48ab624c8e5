import { isAbsolute, relative } from 'node:path';

/** A path as a user reads it: relative to the current folder when inside it, absolute otherwise. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
