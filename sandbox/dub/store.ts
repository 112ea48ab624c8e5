import type {
  DubClick,
  DubCommission,
  DubCustomer,
  DubLeadEvent,
  DubLink,
  DubPartner,
  DubProgram,
  DubSaleEvent,
  DubWebhookAttempt,
  DubWebhookEndpoint,
} from './objects';

/** Everything the emulated Dub workspace holds, in memory, newest last. */
export class DubStore {
  readonly partners = new Map<string, DubPartner>();
  readonly links = new Map<string, DubLink>();
  readonly clicks = new Map<string, DubClick>();
  readonly customers = new Map<string, DubCustomer>();
  readonly leads: DubLeadEvent[] = [];
  readonly sales: DubSaleEvent[] = [];
  readonly commissions = new Map<string, DubCommission>();
  readonly webhooks = new Map<string, DubWebhookEndpoint>();
  readonly attempts: DubWebhookAttempt[] = [];
  /** Provider events already handled (Stripe redelivers; Dub's handlers are idempotent per invoice and event). */
  readonly handledProviderEvents = new Set<string>();
  /** `invoiceId`s already recorded as a sale (SRC: `trackSale:stripe:invoiceId:<id>` in Redis; `/track/sale` per program). */
  readonly processedInvoices = new Set<string>();

  constructor(readonly program: DubProgram) {}

  linkByDomainAndKey(domain: string, key: string): DubLink | undefined {
    return [...this.links.values()].find((link) => link.domain === domain && link.key === key);
  }

  customerByExternalId(externalId: string): DubCustomer | undefined {
    return [...this.customers.values()].find((customer) => customer.externalId === externalId);
  }

  customerByStripeId(stripeCustomerId: string): DubCustomer | undefined {
    return [...this.customers.values()].find((customer) => customer.stripeCustomerId === stripeCustomerId);
  }
}
