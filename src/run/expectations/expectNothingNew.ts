import { logObservation } from '../polling/observationLog';
import { WakeAlarm } from '../polling/wakeAlarm';
import type { WakeSignal } from '../polling/wakeSignal';
import type { ExpectationContext } from './expectationContext';

export interface NothingNewOptions {
  /** What must not appear, e.g. "a new invoice for subscription sub_1". */
  what: string;
  where: string;
  /** How long to keep looking: absence can only be observed for a bounded time, and the evidence says for how long. */
  settleMs: number;
  /**
   * When the last action that could cause it ended (epoch ms, e.g. just after the payment was declined): the window
   * runs from there, so steps taken since count towards it. Absent, or later than now: the window starts now.
   */
  windowStartsAt?: number;
  /** Resolves a description of what appeared, or undefined while nothing has. */
  check: () => Promise<string | undefined>;
  /** Pushed events that may announce what must not appear: each one checks at once. */
  wakeOn?: WakeSignal<unknown>;
}

/** How long absence is watched, and from when: what expectations that watch a settle window take. */
export type SettleWindow = Pick<NothingNewOptions, 'settleMs' | 'windowStartsAt'>;

/** Between pushes, how often to look: what appears stays, so the check at the window's end decides; these fail early. */
const INTERVAL_MS = 2_500;

/**
 * Nothing new appears during a bounded settle window (from `windowStartsAt`, else now): checked at once, whenever
 * `wakeOn` fires, every 2.5 s, and at the window's end; fails as soon as something appears. What appears stays, so
 * a window already over by the first check is decided by that check. Attaches what was observed, and for how long.
 */
export async function expectNothingNew(options: NothingNewOptions, { evidence }: Pick<ExpectationContext, 'evidence'>): Promise<void> {
  if (!(Number.isFinite(options.settleMs) && options.settleMs > 0)) {
    throw new RangeError(
      `A settle window must be a positive number of milliseconds (got ${options.settleMs}): absence is watched for a while.`,
    );
  }
  const startedAt = Date.now();
  const windowStart = Math.min(options.windowStartsAt ?? startedAt, startedAt);
  const deadline = windowStart + options.settleMs;
  const alarm = new WakeAlarm(options.wakeOn);
  let checks = 0;
  let lastCheckAt = startedAt;
  try {
    for (;;) {
      checks += 1;
      alarm.reset();
      const checkStartedAt = Date.now();
      const appeared = await options.check();
      lastCheckAt = Date.now();
      const elapsedMs = lastCheckAt - windowStart;
      if (appeared !== undefined) {
        logObservation({ what: `no ${options.what}`, startedAt, endedAt: Date.now(), passed: false, checks, releasedBy: 'settle-window' });
        await evidence.attachJson(`unexpected: ${options.what}`, { where: options.where, appeared, afterMs: elapsedMs, checks });
        throw new Error(
          `Expected no ${options.what} at ${options.where}, but ${appeared} appeared ` +
            `(after ${(elapsedMs / 1000).toFixed(1)} s of a ${(options.settleMs / 1000).toFixed(1)} s settle window).`,
        );
      }
      // Only a check that began once the window was over saw all of it.
      if (checkStartedAt >= deadline) break;
      // Observing absence is waiting by nature: there is no condition to await, only a window to watch.
      await alarm.sleep(Math.max(0, Math.min(INTERVAL_MS, deadline - Date.now())));
    }
  } finally {
    alarm.stop();
  }
  logObservation({ what: `no ${options.what}`, startedAt, endedAt: Date.now(), passed: true, checks, releasedBy: 'settle-window' });
  await evidence.attachJson(`no ${options.what}`, {
    where: options.where,
    observed:
      `nothing appeared during a settle window of ${(options.settleMs / 1000).toFixed(1)} s ` +
      `(${checks} check${checks === 1 ? '' : 's'}, the last ${((lastCheckAt - windowStart) / 1000).toFixed(1)} s after ${options.windowStartsAt !== undefined ? 'the last action that could cause it' : 'the window opened'})`,
  });
}
