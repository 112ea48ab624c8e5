import { createHash } from 'node:crypto';
import { idempotencyError, invalidRequest } from './errors';

interface SavedResponse {
  endpoint: string;
  fingerprint: string;
  status: number;
  body: string;
  requestId: string;
  savedAt: number;
}

type Lookup = { kind: 'new' } | { kind: 'replay'; saved: SavedResponse };

const KEEP_MS = 24 * 60 * 60 * 1000;

/**
 * Stripe's idempotent requests: per API key, the first execution's status and body are saved and
 * replayed; the same key with another endpoint or other parameters is an `idempotency_error`;
 * a key still executing is a 409; nothing is saved when validation fails (the caller decides).
 */
export class IdempotencyKeys {
  private readonly saved = new Map<string, SavedResponse>();
  private readonly inFlight = new Set<string>();

  begin(apiKey: string, key: string, endpoint: string, fingerprint: string): Lookup {
    if (key.length > 255) throw invalidRequest('Idempotency-Key must be at most 255 characters long.', { param: 'Idempotency-Key' });
    const slot = `${apiKey}\u0000${key}`;
    this.forgetExpired();
    const saved = this.saved.get(slot);
    if (saved) {
      if (saved.endpoint !== endpoint) {
        throw idempotencyError(
          `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${saved.endpoint}' vs '${endpoint}'). Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      }
      if (saved.fingerprint !== fingerprint) {
        throw idempotencyError(
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      }
      return { kind: 'replay', saved };
    }
    if (this.inFlight.has(slot)) {
      throw idempotencyError(
        'There is currently another in-progress request using this Stripe-Idempotency-Key. Please try again later.',
        409,
      );
    }
    this.inFlight.add(slot);
    return { kind: 'new' };
  }

  /** Whether a response is saved for this key (a retry with it would be replayed, not run). */
  isSaved(apiKey: string, key: string): boolean {
    const saved = this.saved.get(`${apiKey}\u0000${key}`);
    return saved !== undefined && saved.savedAt >= Date.now() - KEEP_MS;
  }

  /** Ends an execution begun with `begin`; `response` undefined means "not saved" (validation failed). */
  finish(
    apiKey: string,
    key: string,
    endpoint: string,
    fingerprint: string,
    response?: { status: number; body: string; requestId: string },
  ): void {
    const slot = `${apiKey}\u0000${key}`;
    this.inFlight.delete(slot);
    if (response) this.saved.set(slot, { endpoint, fingerprint, ...response, savedAt: Date.now() });
  }

  private forgetExpired(): void {
    const cutoff = Date.now() - KEEP_MS;
    for (const [slot, saved] of this.saved) if (saved.savedAt < cutoff) this.saved.delete(slot);
  }
}

/**
 * A stable digest of the parameters, independent of key order, to compare a retry with the first request. A digest,
 * not the text: a Payment Element's confirm carries a card number, which the provider never keeps.
 */
export function fingerprintOf(params: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(sortKeys(params)))
    .digest('base64url');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
