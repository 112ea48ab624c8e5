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

/**
 * The rehearsal's run id, shared by every test of one Playwright run: REHEARSAL_RUN_ID, set by `rehearse run` or,
 * when Playwright is started directly, by playwright.config.ts before the workers start (they inherit it).
 */
export function rehearsalRunId(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.REHEARSAL_RUN_ID?.trim();
  if (!value) throw new Error('REHEARSAL_RUN_ID is not set: run through `rehearse run` or playwright.config.ts, which set it.');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(value)) {
    throw new Error(
      `REHEARSAL_RUN_ID=${value} is not a run id: use letters, digits, dots, dashes and underscores only (it names a folder).`,
    );
  }
  return value;
}
