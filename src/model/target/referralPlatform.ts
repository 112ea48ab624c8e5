import type {
  ReferralClick,
  ReferralCommission,
  ReferralConversion,
  ReferralDelivery,
  ReferralList,
  ReferralPartner,
  ReferralPing,
  ReferralProgram,
  ReferralWebhookEndpoint,
} from '../../../contracts/referral';

/**
 * The filters the harness asks a referral platform for. Keys are spelled as Dress Rehearsal's referral API spells
 * them; an adapter for another platform maps each to its own API (or filters the results itself).
 */
export interface ReferralQuery {
  /** Clicks tagged with this run id (the referral link's `utm_campaign`). */
  'metadata[utm_campaign]'?: string;
  /** Conversions attributed to this click. */
  click?: string;
  /** Commissions of this conversion. */
  conversion?: string;
  /** Conversions of this provider subscription's invoices. */
  subscription?: string;
  /** Conversions whose source is this checkout session, invoice or payment intent. */
  source_id?: string;
  /** Conversions of this provider payment intent. */
  payment_intent?: string;
  /** Deliveries to this webhook endpoint. */
  endpoint?: string;
  /** Deliveries of messages about this object (a conversion or commission id). */
  object_id?: string;
  /** Deliveries of this message (every attempt). */
  message_id?: string;
  /** Deliveries of messages of this type. */
  event_type?: string;
  limit?: number;
  /** Any other filter the platform's API takes; a platform that does not know it may ignore it. */
  [filter: string]: string | number | undefined;
}

/**
 * What the harness needs from a referral platform: the clicks, conversions and commissions it recorded, its
 * programme's rule, and a webhook endpoint for the harness's own signed-webhook sink. The default implementation
 * (`ReferralClient`) speaks Dress Rehearsal's referral API; a team writes one file implementing this for its
 * platform's API and names it in its target (`Target.referralPlatform`). Objects are returned in the shapes of
 * ./types.ts whatever the platform calls them.
 */
export interface ReferralPlatform {
  listClicks(params?: ReferralQuery): Promise<ReferralList<ReferralClick>>;
  retrieveClick(id: string): Promise<ReferralClick>;
  listConversions(params?: ReferralQuery): Promise<ReferralList<ReferralConversion>>;
  retrieveConversion(id: string): Promise<ReferralConversion>;
  listCommissions(params?: ReferralQuery): Promise<ReferralList<ReferralCommission>>;
  retrieveCommission(id: string): Promise<ReferralCommission>;
  retrieveProgram(id: string): Promise<ReferralProgram>;
  listPartners(params?: ReferralQuery): Promise<ReferralList<ReferralPartner>>;
  /** Registers the harness's sink for the platform's outgoing webhooks; returns the endpoint and its signing secret. */
  createWebhookEndpoint(params: {
    url: string;
    enabled_events: string[];
    metadata?: Record<string, string>;
  }): Promise<ReferralWebhookEndpoint & { secret: string }>;
  deleteWebhookEndpoint(id: string): Promise<void>;
  /** Every webhook endpoint of the account: the merchant's own and any the harness registered (src/run/webhooks/harnessEndpoint.ts). */
  listWebhookEndpoints(params?: ReferralQuery): Promise<ReferralList<ReferralWebhookEndpoint>>;
  /**
   * Sends a connectivity test (a `ping` message) to one endpoint; its one attempt shows in the delivery log under the
   * returned message id. Optional: a platform without a ping API leaves it out, and preflight says the ping was not made.
   */
  pingWebhookEndpoint?(id: string): Promise<ReferralPing>;
  /** The platform's delivery log of its outgoing webhooks: every attempt, newest first. */
  listDeliveries(params?: ReferralQuery): Promise<ReferralList<ReferralDelivery>>;
}

/** Where a referral platform's API is, and the keys to it (secrets: never logged). */
export interface ReferralAccess {
  apiBase: string;
  secretKey: string;
  publishableKey: string;
}

/** Makes the client the harness uses for one target environment's referral platform. */
export type ReferralPlatformFactory = (access: ReferralAccess) => ReferralPlatform;
