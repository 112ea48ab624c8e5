import { EvidenceMissingError, type PollAttempt } from './evidenceMissingError';
import { logObservation, type Release } from './observationLog';
import { WakeAlarm } from './wakeAlarm';
import type { WakeSignal } from './wakeSignal';

export { EvidenceMissingError, type PollAttempt } from './evidenceMissingError';

export interface PollOptions<T> {
  /** The expected evidence, e.g. "commission.refunded for cm_123". */
  what: string;
  /** Where the harness looked, e.g. "the referral platform's API (GET /v1/commissions)". */
  where: string;
  timeoutMs: number;
  /** First interval, default 50 ms; backs off x1.5 up to 2 s (fast first, then gentle on the API's rate limit). */
  intervalMs?: number;
  /**
   * Pushed events that may mean the evidence is there now (the harness's webhook sink): each one ends the current
   * pause and checks at once, so a wait ends as soon as its event arrives, not at the next interval.
   */
  wakeOn?: WakeSignal<unknown>;
  /** Resolves undefined while the evidence is not there yet; note() records what was seen. */
  check: (note: (seen: string) => void) => Promise<T | undefined>;
}

export interface PollResult<T> {
  value: T;
  attempts: PollAttempt[];
  elapsedMs: number;
}

const DEFAULT_INTERVAL_MS = 50;
const BACKOFF_FACTOR = 1.5;
const MAX_INTERVAL_MS = 2_000;
/** How long a check may overrun the deadline (a page read on a busy machine takes a while). */
const OVERRUN_GRACE_MS = 2_000;

const STILL_RUNNING = Symbol('still running');

/**
 * Checks at once, then again with a growing interval or as soon as `wakeOn` fires, until the check returns a value or
 * the deadline passes. Every attempt is recorded. A check that throws counts as "error: <message>" and polling goes
 * on, except for EvidenceMissingError (a nested wait that already failed), which is rethrown.
 */
export async function pollUntil<T>(options: PollOptions<T>): Promise<PollResult<T>> {
  const { what, where, timeoutMs, check } = options;
  if (!(timeoutMs >= 0)) throw new RangeError(`pollUntil needs a timeoutMs of 0 or more (got ${timeoutMs}).`);
  let interval = Math.max(1, options.intervalMs ?? DEFAULT_INTERVAL_MS);
  const startedAt = Date.now();
  const deadline = startedAt + timeoutMs;
  const attempts: PollAttempt[] = [];
  const alarm = new WakeAlarm(options.wakeOn);
  let reason: Release = 'first-check';
  const finish = (passed: boolean): void => {
    alarm.stop();
    logObservation({ what, startedAt, endedAt: Date.now(), passed, checks: attempts.length, releasedBy: passed ? reason : 'timeout' });
  };

  try {
    for (;;) {
      const at = Date.now();
      alarm.reset();
      let seen: string | undefined;
      const note = (text: string): void => {
        seen = text;
      };
      let outcome: T | undefined | typeof STILL_RUNNING;
      try {
        // A check that hangs must not hold the wait long past the deadline.
        outcome = await settleWithin(check(note), Math.max(0, deadline - at) + Math.max(interval, OVERRUN_GRACE_MS));
      } catch (error) {
        if (error instanceof EvidenceMissingError) throw error;
        outcome = undefined;
        seen = `error: ${error instanceof Error ? error.message : String(error)}`;
      }
      const now = Date.now();
      if (outcome === STILL_RUNNING) seen = stillRunning(now - at, attempts);
      attempts.push({ at, elapsedMs: at - startedAt, seen: seen ?? (outcome === undefined ? 'nothing yet' : 'found') });

      if (outcome !== undefined && outcome !== STILL_RUNNING) {
        finish(true);
        return { value: outcome, attempts, elapsedMs: now - startedAt };
      }
      if (outcome === STILL_RUNNING || now >= deadline) {
        throw new EvidenceMissingError({ what, where, waitedMs: now - startedAt, attempts });
      }
      // Sleep at most until the deadline, so the last check happens right at it; a push (even one that came while
      // the check ran) ends the sleep.
      reason = (await alarm.sleep(Math.min(interval, deadline - now))) ? 'push' : 'poll';
      interval = Math.min(MAX_INTERVAL_MS, Math.ceil(interval * BACKOFF_FACTOR));
    }
  } finally {
    if (alarm.active) finish(false);
  }
}

/** What a hung check is reported as: what the last finished check saw comes first, as that is the evidence. */
function stillRunning(runningMs: number, attempts: PollAttempt[]): string {
  const previous = attempts.at(-1)?.seen;
  const running = `check still running after ${runningMs} ms`;
  return previous ? `${previous} (then the next ${running})` : running;
}

async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<T | typeof STILL_RUNNING> {
  let timer: NodeJS.Timeout | undefined;
  promise.catch(() => undefined); // a check abandoned at the deadline may still fail later; nobody awaits it
  const timeout = new Promise<typeof STILL_RUNNING>((resolve) => {
    timer = setTimeout(() => resolve(STILL_RUNNING), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
