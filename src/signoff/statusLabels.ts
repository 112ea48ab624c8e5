import type { ItemStatus, VerdictKind } from './types';

/** How each item status reads in the report and on the console: a symbol and a word. */
export const STATUS_LABEL: Record<ItemStatus, { symbol: string; word: string }> = {
  passed: { symbol: '✓', word: 'Passed' },
  failed: { symbol: '✗', word: 'Failed' },
  skipped: { symbol: '⊘', word: 'Skipped' },
  'awaiting-attestation': { symbol: '☐', word: 'Awaiting attestation' },
};

export const VERDICT_SYMBOL: Record<VerdictKind, string> = {
  'not-ready': '✗',
  incomplete: '⊘',
  'ready-pending-attestation': '✓',
};

/** A flow's status in words. */
export function flowStatusWord(status: string): string {
  return status === 'timedOut' ? 'Timed out' : `${status.charAt(0).toUpperCase()}${status.slice(1)}`;
}
