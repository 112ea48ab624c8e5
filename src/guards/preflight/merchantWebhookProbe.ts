import { randomBytes } from 'node:crypto';
import type { PreflightContext } from './types';

/** What the merchant's webhook endpoint did with one probe event. */
export type ProbeAnswer =
  | { kind: 'answered'; status: number; elapsedMs: number }
  | { kind: 'timed-out'; elapsedMs: number }
  | { kind: 'unreachable'; error: string };

export interface ProbeEvent {
  id: string;
  /** The exact bytes sent (and signed). */
  payload: string;
}

/**
 * A minimal, realistic provider event (`balance.available`, harmless to any shop) in the run's API version, with
 * a fresh id `evt_rehearsal_preflight_<runId>_<n>`; `livemode` is the run's unless a probe flips it.
 */
export function probeEvent(context: PreflightContext, options: { livemode?: boolean } = {}): ProbeEvent {
  const livemode = options.livemode ?? context.mode === 'live';
  const { product, plans } = context.target.catalogue;
  const currency = (product ?? plans[0])?.currency.toLowerCase() ?? 'usd';
  const funds = [{ amount: 0, currency, source_types: { card: 0 } }];
  const id = context.nextEventId();
  const event = {
    id,
    object: 'event',
    api_version: context.target.goLive.apiVersion,
    created: Math.floor(Date.now() / 1000),
    data: { object: { object: 'balance', available: funds, livemode, pending: funds } },
    livemode,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'balance.available',
  };
  return { id, payload: JSON.stringify(event) };
}

/** A `Stripe-Signature` header for `payload`, made by the official SDK; `timestamp` in unix seconds (default now). */
export function signatureHeader(context: PreflightContext, payload: string, secret: string, timestamp?: number): string {
  return context.provider.webhooks.generateTestHeaderString({
    payload,
    secret,
    ...(timestamp !== undefined ? { timestamp } : {}),
  });
}

/** A signing secret nobody has: what a forger would sign with. */
export function forgerySecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** POSTs one probe event as the provider would; resolves with the status, a time-out, or why it could not connect. */
export async function sendProbe(url: string, event: ProbeEvent, signature: string | undefined, limitMs: number): Promise<ProbeAnswer> {
  const started = Date.now();
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks) dress-rehearsal-preflight',
  };
  if (signature !== undefined) headers['stripe-signature'] = signature;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body: event.payload,
      signal: AbortSignal.timeout(limitMs),
      redirect: 'manual',
    });
    await response.arrayBuffer().catch(() => undefined);
    return { kind: 'answered', status: response.status, elapsedMs: Date.now() - started };
  } catch (error) {
    const name = (error as { name?: string } | undefined)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timed-out', elapsedMs: Date.now() - started };
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
    return { kind: 'unreachable', error: cause };
  }
}

/** "10 s" for 10 000 ms, "1.5 s" for 1 500 ms. */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
