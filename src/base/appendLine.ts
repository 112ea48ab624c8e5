import { appendFileSync } from 'node:fs';

/** Appends one line to a log file (one small write: lines of concurrent writers never interleave); never throws. */
export function appendLine(file: string, line: string): boolean {
  try {
    appendFileSync(file, line.endsWith('\n') ? line : `${line}\n`);
    return true;
  } catch {
    // A measurement log must never fail a rehearsal.
    return false;
  }
}
