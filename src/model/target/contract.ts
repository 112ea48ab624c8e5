import type { Locator, Page } from '@playwright/test';
import type { ReferralPlatformChoice } from './referralPlatformChoice';

/** Where the harness finds the three parties of one integration, for one Playwright worker. */
export interface TargetEnvironment {
  /**
   * The merchant's site, as a customer opens it. `adminKey` is the merchant's admin credential, for targets
   * that refund through an admin UI: a secret, to be typed into the page and never logged or attached.
   */
  merchant: {
    baseUrl: string;
    adminKey?: string;
    /**
     * The merchant's own provider webhook endpoint: its URL and, when known, its signing secret (`whsec_…`, a
     * secret). Preflight sends it signed, unsigned, forged, stale and other-mode events; without the secret only
     * the unsigned and forged probes run.
     */
    webhook?: { url: string; signingSecret?: string };
  };
  /** The payment provider's API (Stripe, or the sandbox's Stripe-compatible provider). */
  provider: { apiBase: string; secretKey: string; publishableKey: string };
  /**
   * The referral platform's API. Required of a target with a referral programme; absent for a payment-only merchant
   * (`capabilities.referralProgramme: false`), which has no referral platform to ask.
   */
  referral?: { apiBase: string; secretKey: string; publishableKey: string };
  /** The webhook endpoints the integration needs registered at the provider (preflight checks each one). */
  requiredWebhookEndpoints: RequiredWebhookEndpoint[];
  /**
   * True when `connect` started the embedded offline sandbox, which lives only as long as this worker: nothing the
   * rehearsal makes there outlives it (cleanup after a crash has nothing to reach, and nothing to undo).
   */
  embeddedSandbox?: boolean;
  /** Releases what `connect` started (the demo stops its sandbox); a no-op for a real site. */
  release(): Promise<void>;
}

/** A provider webhook endpoint an integration cannot work without. */
export interface RequiredWebhookEndpoint {
  /** Whose endpoint, in words: "the demo shop", "the referral platform". */
  name: string;
  /** The exact URL registered at the provider. */
  url: string;
  /** Every event type it must be subscribed to (`*` at the provider covers all). */
  events: string[];
}

/** How the target's prices are found at the provider: by lookup key (preferred) or by price id. */
export interface PriceReference {
  lookupKey?: string;
  id?: string;
}

/** A one-time product the merchant sells. */
export interface TargetProduct {
  slug: string;
  name: string;
  /** In the currency's minor units (cents for usd; yen for jpy, which has none). */
  unitAmount: number;
  currency: string;
  price: PriceReference;
  /**
   * The commission the partner must earn for one, in the same minor units, as agreed with the programme. Required of
   * a target with a referral programme; a payment-only merchant (`capabilities.referralProgramme: false`) leaves it out.
   */
  expectedCommission?: number;
}

/** What the scenarios buy: the product the target sells and the partner whose link is opened. */
export interface TargetCatalogue {
  /**
   * The one-time product the purchase flows buy. Absent for a merchant that sells only subscriptions (`plans`): the
   * one-time purchase flows are then skipped with that reason, and preflight checks only the plans.
   */
  product?: TargetProduct;
  /** A product priced in a zero-decimal currency (JPY), when the target sells one; its flow is skipped otherwise. */
  zeroDecimalProduct?: TargetProduct;
  /**
   * The partner whose referral link the scenarios open, and the programme it earns in. Required of a target with a
   * referral programme; a payment-only merchant (`capabilities.referralProgramme: false`) leaves it out.
   */
  partner?: ReferralPartner;
  /** The subscription plans the target sells (empty when it sells none). */
  plans: TargetPlan[];
}

/** What the go-live preflight needs to know about the integration's code. */
export interface TargetGoLive {
  /** The provider API version the integration's code pins (webhook endpoints and events must match it). */
  apiVersion: string;
  /** Paths (relative to merchant.baseUrl) a customer's browser loads: preflight scans each page and its scripts for secrets. */
  customerPages: string[];
}

/** A recurring plan, as the merchant's pricing page offers it and the provider bills it. */
export interface TargetPlan {
  slug: string;
  name: string;
  /** Billed every `intervalCount` × `interval`, in minor units. */
  unitAmount: number;
  currency: string;
  interval: 'day' | 'week' | 'month' | 'year';
  intervalCount: number;
  price: PriceReference;
  /**
   * The commission per paid invoice, in minor units, as agreed with the programme. Required of a target with a
   * referral programme; a payment-only merchant (`capabilities.referralProgramme: false`) leaves it out.
   */
  expectedCommission?: number;
}

/** A partner of the merchant's referral programme: its key (in its referral link) and the programme's id. */
export interface ReferralPartner {
  key: string;
  programId: string;
}

/** The commission agreed with the programme, made required: what a target with a referral programme must state. */
type WithCommission<T extends { expectedCommission?: number }> = T & { expectedCommission: number };

/**
 * The catalogue of a target with a referral programme: the partner, and the commission agreed for every product and
 * plan, are required (a target that forgets them does not compile).
 */
export type ReferralProgrammeCatalogue = TargetCatalogue & {
  product?: WithCommission<TargetProduct>;
  zeroDecimalProduct?: WithCommission<TargetProduct>;
  partner: ReferralPartner;
  plans: Array<WithCommission<TargetPlan>>;
};

/** How the merchant refunds an order. */
export type RefundChannel =
  /** Staff click Refund in the merchant's admin UI (the demo shop): `flows.refundOrder` drives it. */
  | 'merchant-admin-ui'
  /** The merchant's own API refunds (embedded-elements): `flows.refundOrder` calls it. */
  | 'merchant-api'
  /** Support refunds at the provider (its dashboard or API): the harness refunds the payment intent itself. */
  | 'provider-api';

/** Where the customer types the card. */
export type PaymentForm =
  /** The provider's hosted payment page (Stripe Checkout): the browser leaves the merchant's site to pay. */
  | 'hosted-checkout'
  /** A provider iframe inside the merchant's page (Stripe's Payment Element), confirmed with a client secret. */
  | 'embedded-elements';

/**
 * What the target lets the rehearsal do. A scenario step that needs something the target does not declare (or a
 * flow method it does not implement) is reported as skipped with the reason, never silently passed.
 */
export interface TargetCapabilities {
  paymentForm: PaymentForm;
  refunds: RefundChannel;
  /**
   * The customer can be put on a provider test clock the harness created (the demo: `/pricing?test_clock=<id>`),
   * so renewals and cancellations at period end can be rehearsed by advancing the clock.
   */
  testClock: boolean;
  /**
   * The merchant runs a referral programme this rehearsal checks (default true). `false`: a payment-only go-live:
   * every referral step is skipped with that reason and the referral checklist items are listed as not in this
   * rehearsal.
   */
  referralProgramme?: boolean;
  /**
   * How a customer cancels a subscription: on the merchant's own account page (default), or in Stripe's customer
   * portal the merchant redirects to (`flows.cancelSubscription` drives it with `StripeCustomerPortal`).
   */
  cancellation?: 'merchant-page' | 'customer-portal';
}

export interface Customer {
  email: string;
  name: string;
  /** ISO 3166-1 alpha-2, as the payment page's country select takes it. */
  billingCountry: string;
  billingPostalCode: string;
}

export interface Card {
  number: string;
  expiry: string;
  cvc: string;
}

/** The provider object that took the customer's money: a hosted checkout session or a payment intent. */
export type PaymentReference = { kind: 'checkout_session'; id: string } | { kind: 'payment_intent'; id: string };

/** The order as the merchant's own success page shows it. */
export interface MerchantOrder {
  orderId: string;
  /** The provider payment behind the order, as the success page names it (its URL or its text). */
  payment: PaymentReference;
  status: string;
  amountText: string;
  /** How many order confirmations the merchant says it sent (its fulfilments), when its success page shows it. */
  confirmationEmails?: number;
}

/** The filled payment page, before it is submitted. */
export interface FilledPaymentPage {
  /** The fields holding card data: mask them in any screenshot. */
  cardFields: Locator[];
  /**
   * The provider payment the page will confirm, when the page shows it (Stripe Checkout's URL has the session; a
   * Payment Element page has its payment intent's client secret). The amount cap reads its amount before paying.
   */
  payment?: PaymentReference;
}

/** The subscription as the merchant's success page shows it after subscribing. */
export interface MerchantSubscription {
  subscriptionId: string;
  /** As the merchant words it, e.g. "active". */
  status: string;
}

/** A payment that did not go through, as the customer sees it on a page. */
export interface PaymentProblem {
  /** The message shown to the customer, verbatim. */
  message: string;
  /** The page it was read on (no query string). */
  page: string;
}

/** Where the browser is after the customer submitted an order form again. */
export type ResubmitLanding = 'payment-page' | 'merchant-success-page';

/**
 * The browser steps of the rehearsed flows, as one target performs them. The first five are required; every other
 * method is optional: a target that leaves one out gets the steps needing it skipped with the reason.
 */
export interface TargetFlows {
  /** Opens the partner's referral link; resolves once the tracking snippet has recorded the click. */
  openReferralLink(partnerKey: string, runId: string): Promise<{ url: string; clickId: string }>;
  /** From the product page to the provider's payment page. */
  startCheckout(productSlug: string, customer: Customer): Promise<void>;
  /** Fills the provider's payment page without submitting it. */
  fillPayment(card: Card, customer: Customer): Promise<FilledPaymentPage>;
  /** Submits the filled payment page; resolves on the merchant's success page. */
  submitPayment(): Promise<void>;
  /** Reads the order from the merchant's success page. */
  readOrder(): Promise<MerchantOrder>;
  /**
   * Refunds the whole order the way the merchant does (`capabilities.refunds`: its admin UI or its API); resolves
   * with `{ status: 'refunded' }` once the merchant shows the whole order refunded (the refund scenario checks
   * exactly 'refunded': map the merchant's own wording to it; anything else fails the step). Absent when refunds
   * are made at the provider (`provider-api`).
   */
  refundOrder?(orderId: string): Promise<{ status: string }>;

  // Subscriptions
  /**
   * From the merchant's pricing page to the provider's payment page for the plan. `testClockId` puts the new
   * customer on that provider test clock (only for targets declaring `capabilities.testClock`).
   */
  startSubscription?(planSlug: string, customer: Customer, options?: { testClockId?: string }): Promise<void>;
  /** Reads the subscription from the merchant's success page (after `submitPayment`). */
  readSubscription?(): Promise<MerchantSubscription>;
  /**
   * Opens the customer's account page and reads the subscription's status as the merchant shows it there, mapped to
   * Stripe's word for it ('active', 'canceled'; letter case does not matter): the scenario compares those words.
   */
  readAccountSubscriptionStatus?(subscriptionId: string): Promise<string>;
  /**
   * Cancels as the customer does (the account page, or Stripe's customer portal: `capabilities.cancellation`), now or
   * at the end of the period; resolves once the merchant accepted it. Where the merchant decides rather than the
   * customer (the portal's "cancel immediately" or "at the end of the billing period" setting), resolve with what it
   * did: the rehearsal then follows that cancellation (at the period end: the subscription stays active, set to end,
   * and with a test clock the rehearsal advances past the end to see it canceled). Nothing: as asked.
   */
  cancelSubscription?(subscriptionId: string, when: 'now' | 'at_period_end'): Promise<void | 'now' | 'at_period_end'>;

  // Declines
  /**
   * Submits the filled payment page expecting the payment not to go through; answers a 3-D Secure challenge
   * (`threeDSecure`) if the provider shows one; resolves with the message the payment page then shows.
   */
  submitPaymentExpectingDecline?(options?: { threeDSecure?: 'complete' | 'fail' }): Promise<PaymentProblem>;
  /** Leaves the payment page by its Back link; resolves with the message the merchant's page shows. */
  returnToMerchantAfterDecline?(): Promise<PaymentProblem>;

  // Duplicate submits
  /** Like `startCheckout`, but the customer double clicks Buy. */
  startCheckoutWithDoubleClick?(productSlug: string, customer: Customer): Promise<void>;
  /**
   * Goes back in the browser's history to the order form (as the browser restores it) and submits it again;
   * resolves with where the browser landed.
   */
  goBackAndResubmitOrder?(): Promise<ResubmitLanding>;
  /** Reloads the merchant's success page and reads the order again. */
  reloadSuccessPage?(): Promise<MerchantOrder>;
  /**
   * Opens the merchant's success page for a provider payment, as anyone can by typing its URL (`?session_id=cs_…`,
   * `?payment_intent=pi_…`); resolves with the order it confirms, or undefined when it confirms none.
   */
  openSuccessPage?(payment: PaymentReference): Promise<MerchantOrder | undefined>;
}

/**
 * One integration to rehearse (targets/<name>/target.ts's default export). A target with a referral programme (the
 * default) states its partner and every agreed commission; a payment-only merchant declares
 * `capabilities: { referralProgramme: false, … }` and may leave them, and its environment's `referral`, out.
 */
export type Target = TargetWithReferralProgramme | PaymentOnlyTarget;

/** A merchant whose referral programme the rehearsal checks too (`capabilities.referralProgramme` absent or true). */
export interface TargetWithReferralProgramme extends TargetDefinition {
  catalogue: ReferralProgrammeCatalogue;
  capabilities: TargetCapabilities & { referralProgramme?: true };
}

/** A payment-only go-live (`capabilities.referralProgramme: false`): no partner, no commissions, no referral platform. */
export interface PaymentOnlyTarget extends TargetDefinition {
  catalogue: TargetCatalogue;
  capabilities: TargetCapabilities & { referralProgramme: false };
}

/** What every target states, with or without a referral programme. */
export interface TargetDefinition {
  name: string;
  description: string;
  catalogue: TargetCatalogue;
  capabilities: TargetCapabilities;
  goLive: TargetGoLive;
  /**
   * The longest this integration may still act on an event after acknowledging it (its slowest asynchronous handler),
   * in ms: how long the rehearsal watches for what must NOT happen (a second charge, a conversion for a declined card).
   * Absent: 5 000. rehearsal.config.ts `settleWindowMs` and REHEARSAL_SETTLE_WINDOW_MS win.
   */
  settleWindowMs?: number;
  /**
   * The target's referral platform: a name Dress Rehearsal has an adapter for (`'rewardful'`, `'dub'`,
   * `'dress-rehearsal'`), or the factory of a team's own adapter (`ReferralPlatform`, src/model/target/referralPlatform.ts,
   * in one file). Absent: Dress Rehearsal's referral API (`ReferralClient`). rehearsal.config.ts and REFERRAL_PLATFORM win.
   */
  referralPlatform?: ReferralPlatformChoice;
  /** Starts or connects to what this target needs for one worker (the demo starts the embedded sandbox). */
  connect(options: { workerIndex: number; env: NodeJS.ProcessEnv }): Promise<TargetEnvironment>;
  /** The browser flows on one page. */
  flows(page: Page, environment: TargetEnvironment): TargetFlows;
}
