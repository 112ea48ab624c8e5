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
  endpoint: string;
  attempt: number;
  trigger: 'scheduled' | 'manual';
  url: string;
  response_status: number | null;
  response_body: string | null;
  duration_ms: number;
  status: 'success' | 'pending' | 'failed';
  attempted_at: number;
  next_attempt_at: number | null;
}

/** The envelope of the platform's outgoing webhooks (Standard Webhooks signed). */
export interface ReferralWebhookEvent<T = unknown> {
  id: string;
  type: 'conversion.created' | 'commission.created' | 'commission.refunded' | (string & {});
  timestamp: string;
  data: T & { previous_status?: string; refund_amount?: number };
}
