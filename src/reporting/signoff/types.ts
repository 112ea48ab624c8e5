import type { ChecklistItem } from '../../model/checklist/types';

/** How the rehearsal decided one checklist item. */
export type ItemStatus = 'passed' | 'failed' | 'skipped' | 'awaiting-attestation';

/** A link to a piece of evidence: `href` is a path relative to the run directory (or an anchor inside it). */
export interface EvidenceLink {
  label: string;
  href: string;
}

/** Why a skipped item was not decided (see ItemVerdict.skipKind). */
export type SkipKind = 'with-reason' | 'target-gap' | 'not-run' | 'interrupted';

export interface ItemVerdict {
  item: ChecklistItem;
  status: ItemStatus;
  /** One sentence, redacted: why this status. */
  reason: string;
  /** Shown but never blocking: check warnings, evidence that was partly skipped. */
  warnings: string[];
  evidence: EvidenceLink[];
  /**
   * For a skipped item: `with-reason` when every decider said why it did not apply (an exemption: test mode has no
   * live endpoints, live mode takes no test cards, `checklist.skip`); `target-gap` for a blocking item whose evidence
   * was skipped because the target cannot do it (it lacks a flow method, a plan, a capability); `not-run` when
   * evidence is simply missing (preflight or a flow did not run); `interrupted` when a flow that decides it was
   * stopped before it finished (a signal, its worker killed) and nothing else decided it: not decided, and no one's
   * failure. Only `with-reason` leaves a run READY.
   */
  skipKind?: SkipKind;
  /** For a `target-gap` item: what to do about it (implement what is missing, or list the item in `checklist.skip`). */
  hint?: string;
  /**
   * A step of another referral platform's go-live list (Rewardful's on a Dub run): skipped `with-reason`, listed as not
   * in this rehearsal, but not counted among the skipped items the verdict names: it never applied.
   */
  otherPlatform?: true;
}

/**
 * The whole run's answer to "can we go live?":
 * - `not-ready`: a blocking item failed;
 * - `incomplete`: nothing blocking failed, but a blocking automated item was not rehearsed (its evidence is missing,
 *   was skipped because the target cannot do it, or its flow was interrupted), or the run was interrupted;
 * - `ready-pending-attestation`: every automated blocking item passed or does not apply to this run (skipped with a
 *   reason); the manual items await the signer.
 */
export type VerdictKind = 'not-ready' | 'incomplete' | 'ready-pending-attestation';

export interface OverallVerdict {
  kind: VerdictKind;
  /** One line in plain words, e.g. "NOT READY to go live: 2 blocking items failed". */
  headline: string;
  /** One line per item behind the headline: "<title>: <reason>". */
  reasons: string[];
  /** When blocking items were not rehearsed because the target cannot do them: what to do, once for all of them. */
  hint?: string;
  blockingFailed: string[];
  blockingSkipped: string[];
  awaitingAttestation: string[];
}
