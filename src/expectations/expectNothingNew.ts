import type { ExpectationContext } from './expectationContext';

export interface NothingNewOptions {
  /** What must not appear, e.g. "a new invoice for subscription sub_1". */
  what: string;
  where: string;
  /** How long to keep looking: absence can only be observed for a bounded time, and the evidence says for how long. */
  settleMs: number;
  /** Resolves a description of what appeared, or undefined while nothing has. */
  check: () => Promise<string | undefined>;
}

const INTERVAL_MS = 250;

/**
 * Nothing new appears during a bounded settle window: checked at once and then every 250 ms until the window
 * ends; fails as soon as something appears. Attaches what was observed, and for how long.
 */
export async function expectNothingNew(options: NothingNewOptions, { evidence }: Pick<ExpectationContext, 'evidence'>): Promise<void> {
  const startedAt = Date.now();
  const deadline = startedAt + options.settleMs;
  let checks = 0;
  for (;;) {
    checks += 1;
    const appeared = await options.check();
    const elapsedMs = Date.now() - startedAt;
    if (appeared !== undefined) {
      await evidence.attachJson(`unexpected: ${options.what}`, { where: options.where, appeared, afterMs: elapsedMs, checks });
      throw new Error(
        `Expected no ${options.what} at ${options.where}, but ${appeared} appeared ` +
          `(after ${(elapsedMs / 1000).toFixed(1)} s of a ${(options.settleMs / 1000).toFixed(1)} s settle window).`,
      );
    }
    if (Date.now() >= deadline) break;
    // Observing absence is waiting by nature: there is no condition to await, only a window to watch.
    await new Promise((resolve) => setTimeout(resolve, Math.min(INTERVAL_MS, deadline - Date.now())));
  }
  await evidence.attachJson(`no ${options.what}`, {
    where: options.where,
    observed: `nothing appeared during a settle window of ${(options.settleMs / 1000).toFixed(1)} s (${checks} checks)`,
  });
}
