import { redactText } from '../../base/redact';

export interface PollAttempt {
  /** Epoch milliseconds when the check started. */
  at: number;
  /** Milliseconds since the wait began. */
  elapsedMs: number;
  /** What the check saw, in a few words ("2 commissions, none refunded", "error: …"). */
  seen: string;
}

export interface EvidenceMissingDetails {
  what: string;
  where: string;
  waitedMs: number;
  attempts: PollAttempt[];
}

/** Expected evidence did not appear in time; the message is one sentence: what, where, how long. */
export class EvidenceMissingError extends Error {
  readonly what: string;
  readonly where: string;
  readonly waitedMs: number;
  readonly attempts: PollAttempt[];

  constructor(details: EvidenceMissingDetails) {
    super(describeMissingEvidence(details));
    this.name = 'EvidenceMissingError';
    this.what = details.what;
    this.where = details.where;
    this.waitedMs = details.waitedMs;
    this.attempts = details.attempts;
  }
}

export function describeMissingEvidence({ what, where, waitedMs, attempts }: EvidenceMissingDetails): string {
  const seconds = (waitedMs / 1000).toFixed(1);
  const checks = `${attempts.length} ${attempts.length === 1 ? 'check' : 'checks'}`;
  const lastSeen = (attempts.at(-1)?.seen ?? 'nothing').trim().replace(/[.\s]+$/, '') || 'nothing';
  return redactText(`Expected ${what} at ${where}, but it did not appear within ${seconds} s (${checks}; last seen: ${lastSeen}).`);
}
