import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ReferralWebhookEvent } from '../../../../../contracts/referral';
import type { DubCommission } from './dubObjects';
import { toCommission } from './dubMapping';

interface DubWebhookPayload {
  id: string;
  event: string;
  createdAt: string;
  data: Record<string, unknown>;
}

/** The header, whatever its case. */
function header(headers: Record<string, string | undefined>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
}

/**
 * Verifies one of Dub's webhooks (https://dub.co/docs/webhooks/verify-webhook-requests): `Dub-Signature` is the
 * lowercase hex HMAC-SHA256 of the raw body keyed with the endpoint's whole secret (`whsec_…`); there is no timestamp,
 * so a replay cannot be told from the first delivery. Returns the event in the contract's envelope: `sale.created` →
 * `conversion.created` (Dub's payload carries no sale id: `data.id` is null, the conversion is found through the
 * API), `commission.created` → `commission.created` (the commission, its conversion unknown: null), anything else
 * (lead.created, partner.enrolled, …) under its own name with Dub's data. Dub sends no refund event: a
 * `commission.refunded` never arrives by webhook, the refund shows only in GET /commissions.
 */
export function verifyDubWebhook(rawBody: string, headers: Record<string, string | undefined>, secret: string): ReferralWebhookEvent {
  const signature = header(headers, 'dub-signature');
  if (!signature) throw new Error('The webhook has no Dub-Signature header.');
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = /^[0-9a-f]{64}$/i.test(signature.trim()) ? Buffer.from(signature.trim(), 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new Error('The Dub-Signature header does not match the body signed with this endpoint secret.');
  }
  let payload: DubWebhookPayload;
  try {
    payload = JSON.parse(rawBody) as DubWebhookPayload;
  } catch {
    throw new Error('The signed Dub webhook body is not JSON.');
  }
  if (typeof payload.id !== 'string' || typeof payload.event !== 'string' || typeof payload.data !== 'object' || payload.data === null) {
    throw new Error('The signed Dub webhook is not an event envelope ({ id, event, createdAt, data }).');
  }
  const envelope = { id: payload.id, timestamp: payload.createdAt };
  if (payload.event === 'sale.created') return { ...envelope, type: 'conversion.created', data: conversionData(payload.data) };
  if (payload.event === 'commission.created') {
    const commission = payload.data as unknown as DubCommission & { link?: { id: string } | null };
    return {
      ...envelope,
      type: 'commission.created',
      data: { ...toCommission(commission, { conversion: '', program: '' }), conversion: null, program: null },
    };
  }
  return { ...envelope, type: payload.event, data: payload.data };
}

/** What a `sale.created` says of the conversion: its click, partner, program, amount; no id (Dub's payload has none). */
function conversionData(data: Record<string, unknown>): Record<string, unknown> {
  const sale = (data.sale ?? {}) as { amount?: number; currency?: string; invoiceId?: string | null };
  const link = (data.link ?? {}) as { partnerId?: string | null; programId?: string | null };
  const click = (data.click ?? {}) as { id?: string };
  return {
    id: null,
    object: 'conversion',
    click: click.id ?? null,
    partner: link.partnerId ?? null,
    program: link.programId ?? null,
    amount: sale.amount ?? null,
    currency: sale.currency?.toLowerCase() ?? null,
    invoice_id: sale.invoiceId ?? null,
    dub: data,
  };
}
