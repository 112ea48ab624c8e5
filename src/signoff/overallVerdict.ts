import { plural } from './text';
import type { ItemVerdict, OverallVerdict } from './types';

/**
 * The run's verdict from the item verdicts: NOT READY when a blocking item failed; INCOMPLETE when none failed but the
 * evidence for a blocking automated item is missing (preflight or a flow did not run); otherwise READY once the signer
 * attests the manual items. Items skipped with a reason (HTTPS of live endpoints in a test run, test cards in a live
 * run) do not make a run incomplete: they are listed for the signer to read.
 */
export function overallVerdict(items: ItemVerdict[]): OverallVerdict {
  const blocking = items.filter((verdict) => verdict.item.severity === 'blocking');
  const failed = blocking.filter((verdict) => verdict.status === 'failed');
  const skipped = blocking.filter((verdict) => verdict.status === 'skipped' && verdict.skipKind !== 'with-reason');
  const skippedWithReason = blocking.filter((verdict) => verdict.status === 'skipped' && verdict.skipKind === 'with-reason');
  const awaiting = items.filter((verdict) => verdict.status === 'awaiting-attestation');
  const lists = {
    blockingFailed: failed.map((verdict) => verdict.item.id),
    blockingSkipped: skipped.map((verdict) => verdict.item.id),
    awaitingAttestation: awaiting.map((verdict) => verdict.item.id),
  };
  if (failed.length > 0) {
    return {
      kind: 'not-ready',
      headline: `NOT READY to go live: ${plural(failed.length, 'blocking item')} failed`,
      reasons: failed.map(titleAndReason),
      ...lists,
    };
  }
  if (skipped.length > 0) {
    return {
      kind: 'incomplete',
      headline: `INCOMPLETE, not ready to sign off: ${plural(skipped.length, 'blocking item was', 'blocking items were')} not rehearsed`,
      reasons: skipped.map(titleAndReason),
      ...lists,
    };
  }
  const failedWarnings = items.filter((verdict) => verdict.item.severity === 'warning' && verdict.status === 'failed');
  const pending = awaiting.length > 0 ? `; ${plural(awaiting.length, 'manual item awaits', 'manual items await')} the signer's attestation` : '';
  return {
    kind: 'ready-pending-attestation',
    headline: `READY to go live${awaiting.length > 0 ? ' once attested' : ''}: every automated blocking item passed${pending}`,
    reasons: [
      ...failedWarnings.map((verdict) => `Warning, not blocking: ${titleAndReason(verdict)}`),
      ...skippedWithReason.map((verdict) => `Skipped in this run, with the reason: ${titleAndReason(verdict)}`),
      ...awaiting.map((verdict) => `To attest: ${verdict.item.title}`),
    ],
    ...lists,
  };
}

function titleAndReason(verdict: ItemVerdict): string {
  return `${verdict.item.title}: ${verdict.reason}`;
}
