import { randomBytes } from 'node:crypto';

/** A run id that sorts by time and is unique per run: "rh-20261123-174512-a1b2c3" (UTC). */
export function newRunId(now: Date = new Date()): string {
  const iso = now.toISOString(); // 2026-11-23T17:45:12.345Z
  const date = iso.slice(0, 10).replaceAll('-', '');
  const time = iso.slice(11, 19).replaceAll(':', '');
  return `rh-${date}-${time}-${randomBytes(3).toString('hex')}`;
}

/** The customer email that ties a run's orders to the run: "rehearsal+<runId>@example.com". */
export function runEmail(runId: string, domain = 'example.com'): string {
  return `rehearsal+${runId}@${domain}`;
}
