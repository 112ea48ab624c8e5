import type { DeliveryAttemptRecord } from '../evidence/flowRecord';

const MAX_SHOWN = 5;

/** "HTTP 503" or the reason there was no answer ("no answer: connect ECONNREFUSED 127.0.0.1:4242"). */
export function attemptResult(attempt: Pick<DeliveryAttemptRecord, 'status' | 'error'>): string {
  if (attempt.status !== null) return `HTTP ${attempt.status}`;
  return `no answer: ${attempt.error ?? 'unknown error'}`;
}

/** "3 attempts: HTTP 503 at 18:40:01, HTTP 503 at 18:40:03, …" (times UTC); "no attempt yet" for none. */
export function describeAttempts(attempts: readonly DeliveryAttemptRecord[]): string {
  if (attempts.length === 0) return 'no attempt yet';
  const shown = attempts.slice(-MAX_SHOWN).map((attempt) => `${attemptResult(attempt)} at ${clock(attempt.at)}`);
  const earlier = attempts.length > MAX_SHOWN ? `…${attempts.length - MAX_SHOWN} earlier, ` : '';
  return `${attempts.length} ${attempts.length === 1 ? 'attempt' : 'attempts'}: ${earlier}${shown.join(', ')}`;
}

/** HH:MM:SS UTC of an epoch-ms time. */
export function clock(at: number): string {
  return `${new Date(at).toISOString().slice(11, 19)} UTC`;
}
