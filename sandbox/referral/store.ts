import type { ReferralClick, ReferralCommission, ReferralWebhookEndpoint, ReferralWebhookEvent } from '../../contracts/referral';
import type { PlatformConversion, PlatformDelivery, PlatformPartner, PlatformProgram } from './platformObjects';
import type Stripe from 'stripe';
import { seedPartners, seedProgram } from './seed';
import { unixNow } from './ids';

/** Who a provider customer was first attributed to; renewals keep paying that partner. */
export interface CustomerAttribution {
  partner: string;
  program: string;
  click: string | null;
}

/** The attribution of one provider subscription: every paid invoice of it pays this partner. */
export interface SubscriptionAttribution extends CustomerAttribution {
  subscription: string;
  customer: string | null;
  /** The checkout session's metadata (e.g. order_id), copied onto each of the subscription's conversions. */
  metadata: Record<string, string>;
  /** The first commissioned invoice and its service-period start: the anchor of `max_duration_months`. */
  firstInvoice: string | null;
  firstPeriodStart: number | null;
}

/** Everything the platform knows, in memory, in creation order. */
export class ReferralStore {
  readonly programs = new Map<string, PlatformProgram>();
  readonly partners = new Map<string, PlatformPartner>();
  readonly clicks = new Map<string, ReferralClick>();
  readonly conversions = new Map<string, PlatformConversion>();
  readonly commissions = new Map<string, ReferralCommission>();
  readonly endpoints = new Map<string, ReferralWebhookEndpoint & { secret: string }>();
  readonly deliveries: PlatformDelivery[] = [];
  readonly messages = new Map<string, ReferralWebhookEvent>();
  /** Provider event ids already handled (deduplication of provider deliveries). */
  readonly handledProviderEvents = new Set<string>();
  /** `<source id>|<program id>` → conversion id: one conversion per (session, invoice or payment intent, program). */
  readonly conversionBySource = new Map<string, string>();
  /** Provider customer id → first attribution. */
  readonly customerAttributions = new Map<string, CustomerAttribution>();
  /** Provider subscription id → its attribution (fixed at first attribution). */
  readonly subscriptionAttributions = new Map<string, SubscriptionAttribution>();
  /** Provider subscription id → when `customer.subscription.deleted` ended it (unix s); nothing is paid after. */
  readonly endedSubscriptions = new Map<string, number>();
  /**
   * Subscription id → its first `invoice.paid`, when it arrived before the checkout session that carries the
   * click (no click in the subscription's metadata, no attributed customer); converted when the session arrives.
   */
  readonly heldFirstInvoices = new Map<string, Stripe.InvoicePaidEvent>();

  constructor() {
    const now = unixNow();
    const program = seedProgram(now);
    this.programs.set(program.id, program);
    for (const partner of seedPartners(now)) this.partners.set(partner.id, partner);
  }

  partnerByKeyOrId(keyOrId: string): PlatformPartner | undefined {
    return this.partners.get(keyOrId) ?? [...this.partners.values()].find((p) => p.key === keyOrId);
  }

  commissionsOf(conversionId: string): ReferralCommission[] {
    return [...this.commissions.values()].filter((c) => c.conversion === conversionId);
  }

  conversionsOfSubscription(subscription: string): PlatformConversion[] {
    return [...this.conversions.values()].filter((c) => c.subscription === subscription);
  }

  conversionsByPaymentIntent(paymentIntent: string): PlatformConversion[] {
    return [...this.conversions.values()].filter((c) => c.payment_intent === paymentIntent);
  }
}
