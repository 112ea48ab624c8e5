/** The referral platform's API objects, as docs/architecture.md defines them. Amounts are minor units. */

export type Metadata = Record<string, string>;

export type CommissionRule =
  | { type: 'percentage'; percentage: number }
  | { type: 'flat'; amount: number };

export interface Program {
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
  max_duration_months: number | null;
  created: number;
}

export interface Partner {
  id: string;
  object: 'partner';
  key: string;
  name: string;
  program: string;
  status: 'approved';
  metadata: Metadata;
  created: number;
}

export interface Click {
  id: string;
  object: 'click';
  partner: string;
  partner_key: string;
  program: string;
  landing_url: string;
  referrer: string | null;
  metadata: Metadata;
  created: number;
  expires_at: number;
}

export interface Conversion {
  id: string;
  object: 'conversion';
  click: string | null;
  partner: string;
  program: string;
  /** What the sale is: a provider event's checkout session or invoice, or a payment intent the merchant reported (POST /v1/conversions). */
  source: { type: 'checkout.session' | 'invoice' | 'payment_intent'; id: string };
  /** The provider subscription the sale belongs to (invoice conversions of a subscription), else null. */
  subscription: string | null;
  payment_intent: string | null;
  customer_email: string | null;
  amount: number;
  currency: string;
  /** The provider event the sale was read from; null for a sale the merchant reported through the API. */
  provider_event: string | null;
  livemode: boolean;
  metadata: Metadata;
  created: number;
}

export type CommissionStatus = 'pending' | 'hold' | 'processed' | 'paid' | 'refunded' | 'fraud' | 'canceled' | 'duplicate';

export interface Commission {
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
  hold_until: number;
  metadata: Metadata;
  created: number;
  updated: number;
}

export interface WebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  enabled_events: string[];
  status: 'enabled' | 'disabled';
  metadata: Metadata;
  created: number;
  secret?: string;
}

/** One attempt at delivering a message to an endpoint (the harness's ReferralDelivery, contracts/referral.ts). */
export interface Delivery {
  id: string;
  object: 'delivery';
  message_id: string;
  event_type: string;
  /** The id of the object the message is about (its `data.id`: a conversion, a commission); null for a ping. */
  object_id: string | null;
  endpoint: string;
  attempt: number;
  /** `scheduled`: an event's delivery and its retries; `ping`: a connectivity test sent on request, one attempt, never retried. */
  trigger: 'scheduled' | 'manual' | 'ping';
  url: string;
  response_status: number | null;
  response_body: string | null;
  duration_ms: number;
  /** `pending`: failed, another attempt is scheduled (`next_attempt_at`); `failed`: no more attempts. */
  status: 'success' | 'pending' | 'failed';
  attempted_at: number;
  next_attempt_at: number | null;
  /** Why the attempt got no HTTP answer (refused, timed out, unreachable while playing cloud), else null. */
  error: string | null;
}

export type OutgoingEventType = 'conversion.created' | 'commission.created' | 'commission.refunded';

export const OUTGOING_EVENT_TYPES: readonly OutgoingEventType[] = [
  'conversion.created',
  'commission.created',
  'commission.refunded',
];

/** The Standard Webhooks envelope the platform sends: an event, or a `ping` (`data: { endpoint }`) sent on request. */
export interface OutgoingMessage {
  id: string;
  type: OutgoingEventType | 'ping';
  timestamp: string;
  data: Record<string, unknown>;
}

/** What `POST /v1/webhook_endpoints/:id/ping` answers (the harness's ReferralPing): the message its delivery log entry carries. */
export interface PingMessage {
  id: string;
  object: 'message';
  type: 'ping';
  endpoint: string;
}
