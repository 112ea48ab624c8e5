/**
 * The referral platform's API objects and outgoing webhooks (docs/architecture.md, "Referral platform"). Written by the
 * sandbox's referral platform (sandbox/referral/), which plays the platform; read by the harness
 * (src/run/referral/referralClient.ts) over the platform's API (`/v1/clicks`, `/v1/conversions`, `/v1/commissions`,
 * `/v1/programs`, `/v1/partners`, `/v1/webhook_endpoints`, `/v1/deliveries`) and, for the webhooks, at the endpoints
 * the platform posts to. Amounts are minor units, times unix seconds. They are also what a ReferralPlatform adapter
 * for another platform returns (docs/referral-adapter.md): a field marked optional is one the harness does without,
 * which such a platform may not have; the sandbox always sends it.
 */

export type ReferralMetadata = Record<string, string>;

export interface ReferralList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

export type CommissionRule = { type: 'percentage'; percentage: number } | { type: 'flat'; amount: number };

export interface ReferralClick {
  id: string;
  object: 'click';
  partner: string;
  partner_key: string;
  program: string;
  landing_url: string;
  referrer: string | null;
  metadata: ReferralMetadata;
  created: number;
  expires_at: number;
}

export interface ReferralConversion {
  id: string;
  object: 'conversion';
  click: string | null;
  partner: string;
  program: string;
  /**
   * What the sale is: a provider event's checkout session or invoice, or a payment intent the merchant reported
   * (`POST /v1/conversions`), or, on a platform that records only the charge (Rewardful's sale), the charge.
   */
  source: { type: 'checkout.session' | 'invoice' | 'payment_intent' | 'charge'; id: string };
  /** The provider subscription the sale belongs to (an invoice of a subscription), else null. */
  subscription?: string | null;
  payment_intent: string | null;
  customer_email: string | null;
  amount: number;
  currency: string;
  /** The provider event the platform converted; null for a sale the merchant reported through the conversions API. */
  provider_event: string | null;
  livemode: boolean;
  metadata: ReferralMetadata;
  created: number;
}

export type CommissionStatus = 'pending' | 'hold' | 'processed' | 'paid' | 'refunded' | 'fraud' | 'canceled' | 'duplicate';

export interface ReferralCommission {
  id: string;
  object: 'commission';
  conversion: string;
  partner: string;
  program: string;
  status: CommissionStatus;
  amount: number;
  original_amount: number;
  currency: string;
  sale_amount: number;
  refunded_sale_amount: number;
  rule: CommissionRule;
  hold_until: number | null;
  metadata: ReferralMetadata;
  created: number;
  updated: number;
}

export interface ReferralProgram {
  id: string;
  object: 'program';
  name: string;
  rule: CommissionRule;
  currency: string;
  hold_days: number;
  cookie_window_days: number;
  attribution: 'last_click';
  /**
   * Recurring commissions: how long a subscription keeps earning after its first commissioned payment.
   * null = forever, 0 = the first payment only, n = payments for periods starting within n months.
   */
  max_duration_months?: number | null;
  created?: number;
}

export interface ReferralPartner {
  id: string;
  object: 'partner';
  key: string;
  name?: string;
  program?: string;
  status?: 'approved';
  metadata?: ReferralMetadata;
  created?: number;
  /** Whatever else the platform says of a partner. */
  [field: string]: unknown;
}

export interface ReferralWebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  enabled_events: string[];
  /** `enabled` or `disabled`. */
  status: string;
  metadata: ReferralMetadata;
  created: number;
  /** whsec_<base64>, only in the create response. */
  secret?: string;
}

export interface ReferralDelivery {
  id: string;
  object: 'delivery';
  message_id: string;
  event_type: string;
  /**
   * The id of the object the message is about (`data.id`: a conversion, a commission), so the harness finds the
   * deliveries of the objects its run created; null for a ping. Absent from a platform that does not say.
   */
  object_id?: string | null;
  endpoint: string;
  attempt: number;
  /** `ping`: a connectivity test sent on request (`POST /v1/webhook_endpoints/:id/ping`), one attempt, never retried. */
  trigger: 'scheduled' | 'manual' | 'ping';
  url: string;
  response_status: number | null;
  response_body: string | null;
  duration_ms: number;
  /** `pending`: failed, another attempt is scheduled (`next_attempt_at`); `failed`: no more attempts (dead-lettered). */
  status: 'success' | 'pending' | 'failed';
  attempted_at: number;
  next_attempt_at: number | null;
  /** Why an attempt got no HTTP answer (refused, timed out, unreachable); null when it got one. */
  error?: string | null;
}

/** The message a ping sends (`POST /v1/webhook_endpoints/:id/ping`): its delivery log entry has this `message_id`. */
export interface ReferralPing {
  id: string;
  object: 'message';
  type: 'ping';
  endpoint: string;
}

/** The event types the platform sends to webhook endpoints (an endpoint may also subscribe to `*`). */
export const REFERRAL_EVENT_TYPES = ['conversion.created', 'commission.created', 'commission.refunded'] as const;
export type ReferralEventType = (typeof REFERRAL_EVENT_TYPES)[number];

/**
 * The envelope of the platform's outgoing webhooks (Standard Webhooks signed): an event, whose `data` is the object,
 * or a `ping` (`data: { endpoint }`) sent on request.
 */
export interface ReferralWebhookEvent<T = Record<string, unknown>> {
  id: string;
  type: ReferralEventType | 'ping' | (string & {});
  timestamp: string;
  data: T & { previous_status?: string; refund_amount?: number };
}
