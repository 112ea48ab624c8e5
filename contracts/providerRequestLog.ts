/**
 * The sandbox provider's request log. Written by the sandbox provider (sandbox/provider/core/requestLog.ts), which
 * records every `/v1` request it answers; read by the harness (src/run/provider/requestLog.ts) over the sandbox-only
 * route `GET /_sandbox/requests?limit=&idempotency_key=&path=`, answered as `{ object: 'list', data }`, newest first.
 * Real Stripe has no such route (404).
 */

/** One API request the provider answered, so the harness can show each POST's idempotency key as evidence. */
export interface ProviderRequestLogEntry {
  /** The `Request-Id` the provider answered with (`req_…`). */
  id: string;
  method: string;
  path: string;
  idempotency_key: string | null;
  /** True when the provider answered from an earlier request with the same idempotency key. */
  idempotent_replayed: boolean;
  /** The HTTP status of the answer. */
  status: number;
  /** Unix seconds. */
  created: number;
}
