/**
 * Why a TypeScript file could not be imported, in one line: the error's first line, joined with the next when the
 * first only announces it ("Transform failed with 1 error:" + "file.ts:3:10: ERROR: Expected ...").
 */
export function describeLoadError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const [first, second] = lines;
  if (first === undefined) return 'unknown error';
  return first.endsWith(':') && second !== undefined ? `${first} ${second}` : first;
}
