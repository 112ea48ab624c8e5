import type { CheckOutcome } from './types';

type Extra = Pick<CheckOutcome, 'details' | 'evidence' | 'item'>;

/** The check found what the item needs. */
export function passed(summary: string, extra: Extra = {}): CheckOutcome {
  return { status: 'passed', summary, ...extra };
}

/** The check found a problem: `summary` says what is wrong, where, and what to do. */
export function failed(summary: string, extra: Extra = {}): CheckOutcome {
  return { status: 'failed', summary, ...extra };
}

/** The check could not run: `summary` says why and, when there is one, what would let it run. */
export function skipped(summary: string, extra: Extra = {}): CheckOutcome {
  return { status: 'skipped', summary, ...extra };
}
