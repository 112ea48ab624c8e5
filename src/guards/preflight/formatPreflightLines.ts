import type { PreflightReport } from '../../model/checklist/types';
import { redactText } from '../../base/redact';
import { preflightItems, type ItemVerdict } from './itemVerdicts';

const SYMBOLS: Record<ItemVerdict, string> = { passed: '✓', failed: '✗', warning: '!', skipped: '–' };

/**
 * One console line per checklist item the report touches: ✓ passed, ✗ failed (blocking), ! warning, – skipped,
 * then the item's title and the first failing (or skip) summary; a passed item with a skipped check says so.
 */
export function formatPreflightLines(report: PreflightReport): string[] {
  return preflightItems(report).map(({ item, verdict, reason }) => {
    const why = reason === undefined ? '' : verdict === 'passed' ? ` — partly checked: ${reason}` : ` — ${reason}`;
    return redactText(`${SYMBOLS[verdict]} ${item.title}${why}`);
  });
}
