import type { Page } from '@playwright/test';
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
  ReferralWebhookEvent,
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
/** The referral platforms Dress Rehearsal has an adapter for: its own referral API, Rewardful, Dub (Dub Partners). */
export const REFERRAL_PLATFORM_NAMES = ['dress-rehearsal', 'rewardful', 'dub'] as const;
export type ReferralPlatformName = (typeof REFERRAL_PLATFORM_NAMES)[number];

/**
 * What a platform's public API cannot show the harness, each as the sentence the sign-off prints (e.g. "Rewardful's
 * API lists no webhook deliveries: its dashboard's webhook log is the only record"). A check that needs it is
 * reported skipped with that reason: never the merchant's pass, never the merchant's failure.
 */
export interface ReferralPlatformLimits {
  /** No API lists the platform's outgoing webhook deliveries (absent `listDeliveries`). */
  deliveryLog?: string;
  /** No API registers, lists or deletes webhook endpoints (absent `createWebhookEndpoint` and its siblings). */
  webhookEndpoints?: string;
  /** No API returns the programme's commission rule (absent `retrieveProgram`): the target's agreed rule is used. */
  program?: string;
  /** Clicks (visits) cannot be found by the run id; the click is the one the platform's script left in the browser. */
  clicksByRunId?: string;
  /**
   * Conversions cannot be found by the checkout session, payment intent or invoice: the platform records a sale by its
   * charge (`source.type` `charge`), so the harness also asks for the payment's charge (`source_id=ch_…`).
   */
  conversionsByPayment?: string;
}

/**
 * What the harness needs from a referral platform: the clicks, conversions and commissions it recorded, its
 * programme's rule, webhook endpoints for the harness's own signed-webhook sink and the delivery log. Objects are
 * returned in the shapes of contracts/referral.ts whatever the platform calls them. Built in: Dress Rehearsal's
 * referral API (`ReferralClient`), Rewardful and Dub (src/run/referral/platforms/); a team on another platform
 * writes one adapter and names it in its target (`Target.referralPlatform`) or in rehearsal.config.ts.
 *
 * Optional members are what some platforms' APIs do not offer: leave them out and say why in `limits`.
 */
export interface ReferralPlatform {
  /** The platform, in the words of the sign-off ("Rewardful", "Dub", "Dress Rehearsal's referral API"). */
  readonly displayName?: string;
  /** What this platform's API cannot show; see ReferralPlatformLimits. */
  readonly limits?: ReferralPlatformLimits;
  listClicks(params?: ReferralQuery): Promise<ReferralList<ReferralClick>>;
  retrieveClick(id: string): Promise<ReferralClick>;
  /**
   * The id of the click (visit) the platform's tracking script recorded in this browser, read from the page (a
   * cookie, a global the script exposes). For platforms that cannot find a click by the run id (`limits.clicksByRunId`).
   */
  browserClickId?(page: Page): Promise<string | undefined>;
  listConversions(params?: ReferralQuery): Promise<ReferralList<ReferralConversion>>;
  retrieveConversion(id: string): Promise<ReferralConversion>;
  listCommissions(params?: ReferralQuery): Promise<ReferralList<ReferralCommission>>;
  retrieveCommission(id: string): Promise<ReferralCommission>;
  retrieveProgram?(id: string): Promise<ReferralProgram>;
  listPartners(params?: ReferralQuery): Promise<ReferralList<ReferralPartner>>;
  /** Registers the harness's sink for the platform's outgoing webhooks; returns the endpoint and its signing secret. */
  createWebhookEndpoint?(params: {
    url: string;
    enabled_events: string[];
    metadata?: Record<string, string>;
  }): Promise<ReferralWebhookEndpoint & { secret: string }>;
  deleteWebhookEndpoint?(id: string): Promise<void>;
  /** Every webhook endpoint of the account: the merchant's own and any the harness registered (src/run/webhooks/harnessEndpoint.ts). */
  listWebhookEndpoints?(params?: ReferralQuery): Promise<ReferralList<ReferralWebhookEndpoint>>;
  /**
   * Sends a connectivity test (a `ping` message) to one endpoint; its one attempt shows in the delivery log under the
   * returned message id. Optional: a platform without a ping API leaves it out, and preflight says the ping was not made.
   */
  pingWebhookEndpoint?(id: string): Promise<ReferralPing>;
  /** The platform's delivery log of its outgoing webhooks: every attempt, newest first. */
  listDeliveries?(params?: ReferralQuery): Promise<ReferralList<ReferralDelivery>>;
  /**
   * Verifies one webhook the platform sent (raw body and headers as received) with the endpoint's signing secret;
   * returns the event in the contract's envelope, or throws saying why. Absent: Standard Webhooks, as Dress Rehearsal's
   * referral API signs (src/run/webhooks/signatureCheck.ts).
   */
  verifyWebhook?(rawBody: string, headers: Record<string, string | undefined>, secret: string): ReferralWebhookEvent;
}

/** Where a referral platform's API is, and the keys to it (secrets: never logged). */
export interface ReferralAccess {
  apiBase: string;
  secretKey: string;
  publishableKey: string;
}

/** Makes the client the harness uses for one target environment's referral platform. */
export type ReferralPlatformFactory = (access: ReferralAccess) => ReferralPlatform;
