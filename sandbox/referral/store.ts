import type { Click, Commission, Conversion, Delivery, OutgoingMessage, Partner, Program, WebhookEndpoint } from './objects';
import { seedPartners, seedProgram } from './seed';
import { unixNow } from './ids';

/** Who a provider customer was first attributed to; renewals keep paying that partner. */
export interface CustomerAttribution {
  partner: string;
  program: string;
  click: string | null;
}

/** Everything the platform knows, in memory, in creation order. */
export class ReferralStore {
  readonly programs = new Map<string, Program>();
  readonly partners = new Map<string, Partner>();
  readonly clicks = new Map<string, Click>();
  readonly conversions = new Map<string, Conversion>();
  readonly commissions = new Map<string, Commission>();
  readonly endpoints = new Map<string, WebhookEndpoint & { secret: string }>();
  readonly deliveries: Delivery[] = [];
  readonly messages = new Map<string, OutgoingMessage>();
  /** Provider event ids already handled (deduplication of provider deliveries). */
  readonly handledProviderEvents = new Set<string>();
  /** `<source id>|<program id>` → conversion id: one conversion per (session or invoice, program). */
  readonly conversionBySource = new Map<string, string>();
  /** Provider customer id → first attribution. */
  readonly customerAttributions = new Map<string, CustomerAttribution>();

  constructor() {
    const now = unixNow();
    const program = seedProgram(now);
    this.programs.set(program.id, program);
    for (const partner of seedPartners(now)) this.partners.set(partner.id, partner);
  }

  partnerByKeyOrId(keyOrId: string): Partner | undefined {
    return this.partners.get(keyOrId) ?? [...this.partners.values()].find((p) => p.key === keyOrId);
  }

  commissionsOf(conversionId: string): Commission[] {
    return [...this.commissions.values()].filter((c) => c.conversion === conversionId);
  }

  conversionsByPaymentIntent(paymentIntent: string): Conversion[] {
    return [...this.conversions.values()].filter((c) => c.payment_intent === paymentIntent);
  }
}
