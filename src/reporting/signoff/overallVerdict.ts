import { targetGapHint } from './targetGapHint';
import { plural } from './text';
import type { ItemVerdict, OverallVerdict } from './types';

export interface VerdictOptions {
  /** The run's target (name or folder path), for the hint when the target could not rehearse blocking items. */
  target?: string;
  /** The run was interrupted (src/reporting/signoff/runInterruption.ts): it cannot be READY. */
  interruption?: VerdictInterruption;
}

/** What the verdict says of an interrupted run. */
export interface VerdictInterruption {
  /** A clause for the headline: "the run was interrupted (rehearse run was stopped by SIGINT)". */
  headline: string;
  /** Lines for the reasons, first: what was interrupted, and money that may be left at the provider. */
  reasons: string[];
}

/**
 * The run's verdict from the item verdicts: NOT READY when a blocking item failed; INCOMPLETE when none failed but a
 * blocking automated item was not rehearsed: its evidence is missing (preflight or a flow did not run) or was
 * skipped because the target cannot do it (`target-gap`, with a hint: implement it, or list it in `checklist.skip`);
 * otherwise READY once the signer attests the manual items. An interrupted run (`options.interruption`) is never
 * READY: INCOMPLETE unless a blocking item failed, its reasons first. Items skipped with a reason that makes them not apply
 * (HTTPS of live endpoints in a test run, test cards in a live run, `checklist.skip`) do not make a run incomplete:
 * they are listed for the signer to read, and the headline says they were skipped rather than passed.
 */
export function overallVerdict(items: ItemVerdict[], options: VerdictOptions = {}): OverallVerdict {
  const blocking = items.filter((verdict) => verdict.item.severity === 'blocking');
  const failed = blocking.filter((verdict) => verdict.status === 'failed');
  const skipped = blocking.filter((verdict) => verdict.status === 'skipped' && verdict.skipKind !== 'with-reason');
  // Another platform's go-live steps never applied: listed in the checklist as not in this rehearsal, not counted here.
  const skippedWithReason = blocking.filter(
    (verdict) => verdict.status === 'skipped' && verdict.skipKind === 'with-reason' && !verdict.otherPlatform,
  );
  const targetGaps = skipped.filter((verdict) => verdict.skipKind === 'target-gap');
  const awaiting = items.filter((verdict) => verdict.status === 'awaiting-attestation');
  const lists = {
    blockingFailed: failed.map((verdict) => verdict.item.id),
    blockingSkipped: skipped.map((verdict) => verdict.item.id),
    awaitingAttestation: awaiting.map((verdict) => verdict.item.id),
  };
  const hint =
    targetGaps.length > 0
      ? {
          hint: targetGapHint(
            options.target,
            targetGaps.map((verdict) => verdict.item.id),
          ),
        }
      : {};
  const interruption = options.interruption;
  if (failed.length > 0) {
    return {
      kind: 'not-ready',
      headline: `NOT READY to go live: ${plural(failed.length, 'blocking item')} failed${interruption ? `, and ${interruption.headline}` : ''}`,
      reasons: [...(interruption?.reasons ?? []), ...failed.map(titleAndReason)],
      ...lists,
    };
  }
  if (skipped.length > 0 || interruption) {
    const notRehearsed = skipped.length > 0 ? `${plural(skipped.length, 'blocking item was', 'blocking items were')} not rehearsed` : '';
    return {
      kind: 'incomplete',
      headline: `INCOMPLETE, not ready to sign off: ${[interruption?.headline, notRehearsed].filter(Boolean).join('; ')}`,
      reasons: [...(interruption?.reasons ?? []), ...skipped.map(titleAndReason)],
      ...lists,
      ...hint,
    };
  }
  const failedWarnings = items.filter((verdict) => verdict.item.severity === 'warning' && verdict.status === 'failed');
  // "every automated blocking item passed" only when it is true: items skipped with a reason did not pass.
  const passed =
    skippedWithReason.length > 0
      ? `every automated blocking item that applies to this run passed (${skippedWithReason.length} skipped with a reason, listed below)`
      : 'every automated blocking item passed';
  const pending =
    awaiting.length > 0 ? `; ${plural(awaiting.length, 'manual item awaits', 'manual items await')} the signer's attestation` : '';
  return {
    kind: 'ready-pending-attestation',
    headline: `READY to go live${awaiting.length > 0 ? ' once attested' : ''}: ${passed}${pending}`,
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
