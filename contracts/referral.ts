/** The referral platform's objects, as its API returns them (docs/architecture.md). */

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
  metadata: Record<string, string>;
  created: number;
  expires_at: number;
}

export interface ReferralConversion {
  id: string;
  object: 'conversion';
  click: string | null;
  partner: string;
  program: string;
  source: { type: 'checkout.session' | 'invoice' | 'payment_intent'; id: string };
  payment_intent: string | null;
  customer_email: string | null;
  amount: number;
  currency: string;
  /** The provider event the platform converted; null for a sale the merchant reported through the conversions API. */
  provider_event: string | null;
  livemode: boolean;
  metadata: Record<string, string>;
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
  metadata: Record<string, string>;
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
}

export interface ReferralPartner {
  id: string;
  object: 'partner';
  key: string;
  [field: string]: unknown;
}

export interface ReferralWebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  enabled_events: string[];
  status: string;
  metadata: Record<string, string>;
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

/** The envelope of the platform's outgoing webhooks (Standard Webhooks signed). */
export interface ReferralWebhookEvent<T = unknown> {
  id: string;
  type: 'conversion.created' | 'commission.created' | 'commission.refunded' | (string & {});
  timestamp: string;
  data: T & { previous_status?: string; refund_amount?: number };
}
