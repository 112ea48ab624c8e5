import type { DeliveryAttemptRecord, DeliveryRecord } from '../../../../src/run/evidence/flowRecord';

/** 2026-11-23 17:45:20 UTC: every attempt below is a whole number of seconds after it. */
export const D0 = Date.UTC(2026, 10, 23, 17, 45, 20);

export const SHOP_PROVIDER_ENDPOINT = { id: 'we_shop', url: 'https://shop.example/webhooks/stripe' };
export const SHOP_REFERRAL_ENDPOINT = { id: 'ep_shop', url: 'https://shop.example/webhooks/referral' };
export const FORWARDED_SINK_URL = 'https://rehearsal-sink.tunnel.example/webhooks/referral';
export const SINK_ENDPOINT = { id: 'ep_harness', url: FORWARDED_SINK_URL };

/** An attempt `seconds` after D0 answered with `status` (null: no answer, with `error`). */
export function attempt(seconds: number, status: number | null, error?: string): DeliveryAttemptRecord {
  return { at: D0 + seconds * 1000, status, ...(error ? { error } : {}), succeeded: status !== null && status >= 200 && status < 300 };
}

/** A delivery record, observed 60 s after D0 unless `observedAt` says otherwise. */
export function delivery(fields: Omit<DeliveryRecord, 'observedAt'> & { observedAt?: number }): DeliveryRecord {
  return { observedAt: D0 + 60_000, ...fields };
}

/**
 * What the purchase test saw: at the shop's provider endpoint one payment delivered at once, a refund delivered at its
 * third attempt, an invoice dead-lettered after three 503s; at the shop's referral endpoint two messages delivered
 * and one still retrying (refused); two events whose pending_webhooks reached 0.
 */
export function purchaseDeliveries(): DeliveryRecord[] {
  const provider = { source: 'provider-delivery-attempts', sender: 'provider', endpoint: SHOP_PROVIDER_ENDPOINT } as const;
  const referral = { source: 'referral-delivery-log', sender: 'referral-platform', endpoint: SHOP_REFERRAL_ENDPOINT } as const;
  const pending = { source: 'provider-pending-webhooks', sender: 'provider' } as const;
  return [
    delivery({
      ...provider,
      eventType: 'checkout.session.completed',
      eventId: 'evt_pay',
      objectId: 'cs_1',
      attempts: [attempt(1, 200)],
      outcome: 'delivered',
    }),
    delivery({
      ...provider,
      eventType: 'charge.refunded',
      eventId: 'evt_refund',
      objectId: 'ch_1',
      attempts: [attempt(2, 503), attempt(12, 503), attempt(32, 200)],
      outcome: 'delivered',
    }),
    delivery({
      ...provider,
      eventType: 'invoice.paid',
      eventId: 'evt_invoice',
      objectId: 'in_1',
      attempts: [attempt(3, 503), attempt(13, 503), attempt(33, 503)],
      outcome: 'failed',
    }),
    delivery({
      ...referral,
      eventType: 'conversion.created',
      eventId: 'msg_conv',
      objectId: 'conv_1',
      attempts: [attempt(4, 200)],
      outcome: 'delivered',
    }),
    delivery({
      ...referral,
      eventType: 'commission.created',
      eventId: 'msg_comm',
      objectId: 'comm_1',
      attempts: [attempt(5, 204)],
      outcome: 'delivered',
    }),
    delivery({
      ...referral,
      eventType: 'commission.refunded',
      eventId: 'msg_reversal',
      objectId: 'comm_1',
      attempts: [attempt(6, null, 'connection refused')],
      outcome: 'retrying',
    }),
    delivery({ ...pending, eventType: 'payment_intent.succeeded', eventId: 'evt_pi', attempts: [], outcome: 'delivered' }),
    delivery({ ...pending, eventType: 'charge.succeeded', eventId: 'evt_charge', attempts: [], outcome: 'delivered' }),
  ];
}

/** The two referral messages as the harness's sink received them (signed), through the forwarder. */
export function sinkDeliveries(): DeliveryRecord[] {
  const sink = { source: 'harness-sink', sender: 'referral-platform', endpoint: SINK_ENDPOINT } as const;
  return [
    delivery({
      ...sink,
      eventType: 'conversion.created',
      eventId: 'msg_conv_sink',
      objectId: 'conv_1',
      attempts: [attempt(4, 200)],
      outcome: 'delivered',
    }),
    delivery({
      ...sink,
      eventType: 'commission.created',
      eventId: 'msg_comm_sink',
      objectId: 'comm_1',
      attempts: [attempt(5, 200)],
      outcome: 'delivered',
    }),
  ];
}
