import type { StepStatus } from '../../run/evidence/flowRecord';
import type { ItemStatus, VerdictKind } from './types';

/** How each item status reads in the report and on the console: a symbol and a word. */
export const STATUS_LABEL: Record<ItemStatus, { symbol: string; word: string }> = {
  passed: { symbol: '✓', word: 'Passed' },
  failed: { symbol: '✗', word: 'Failed' },
  skipped: { symbol: '⊘', word: 'Skipped' },
  'awaiting-attestation': { symbol: '☐', word: 'Awaiting attestation' },
};

/** How each step status reads in a flow's steps: an interrupted step neither passed nor failed. */
export const STEP_STATUS_LABEL: Record<StepStatus, { symbol: string; word: string }> = {
  passed: STATUS_LABEL.passed,
  failed: STATUS_LABEL.failed,
  skipped: STATUS_LABEL.skipped,
  interrupted: { symbol: '⚠', word: 'Interrupted' },
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
