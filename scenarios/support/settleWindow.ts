import type { RehearsalConfig } from '../../src/model/config/rehearsalConfig';
import type { Target } from '../../src/model/target/contract';

/**
 * How long the rehearsal watches for something that must NOT happen (a new invoice, a second charge): the config's
 * settle window, else the target's, else 5 s; never longer than the event timeout.
 */
export function settleWindowMs(config: Pick<RehearsalConfig, 'eventTimeoutMs' | 'settleWindowMs'>, target: Pick<Target, 'settleWindowMs'>): number {
  return Math.min(config.eventTimeoutMs, config.settleWindowMs ?? target.settleWindowMs ?? DEFAULT_SETTLE_WINDOW_MS);
}

const DEFAULT_SETTLE_WINDOW_MS = 5_000;
