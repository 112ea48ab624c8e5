import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';

/** An Oil Club sign-up: created at the first press of "Subscribe" on a form; its customer and subscription come from Stripe. */
export interface Membership {
  id: string;
  customerId: string | null;
  subscriptionId: string | null;
}

/** A subscription as the shop knows it: kept up to date by webhooks, first read from the API when none has come yet. */
export interface SubscriptionRecord {
  id: string;
  customerId: string;
  priceId: string | null;
  /** null until the shop has seen the subscription itself (an invoice may arrive first). */
  status: Stripe.Subscription.Status | null;
  /** When a scheduled cancellation takes effect (`cancel_at`, or the period end with `cancel_at_period_end`). */
  cancelAt: number | null;
  /** The time of the snapshot the status came from (an event's `created`, or when the API was read). */
  asOf: number;
  /** Paid invoices: the first one, then one per renewal. */
  paidInvoices: string[];
  renewals: number;
  lastPayment: { at: number; amount: number; currency: string } | null;
}

function newMembershipId(): string {
  return `M-${randomBytes(6).toString('hex').toUpperCase()}`;
}

/** The Oil Club's members and their subscriptions, in memory. */
export class Memberships {
  private readonly memberships = new Map<string, Membership>();
  private readonly subscriptions = new Map<string, SubscriptionRecord>();
  private readonly customers = new Set<string>();

  create(): Membership {
    const membership: Membership = { id: newMembershipId(), customerId: null, subscriptionId: null };
    this.memberships.set(membership.id, membership);
    return membership;
  }

  get(id: string | null | undefined): Membership | undefined {
    return id ? this.memberships.get(id) : undefined;
  }

  /** The membership's customer is known from here on: their subscriptions' events are the shop's. */
  link(membership: Membership, customerId: string, subscriptionId: string | null): void {
    membership.customerId = customerId;
    if (subscriptionId) membership.subscriptionId = subscriptionId;
    this.customers.add(customerId);
  }

  isMember(customerId: string | null): boolean {
    return customerId !== null && this.customers.has(customerId);
  }

  subscription(id: string): SubscriptionRecord | undefined {
    return this.subscriptions.get(id);
  }

  subscriptionsOf(customerId: string): SubscriptionRecord[] {
    return [...this.subscriptions.values()].filter((s) => s.customerId === customerId);
  }

  ensure(subscriptionId: string, customerId: string): SubscriptionRecord {
    let record = this.subscriptions.get(subscriptionId);
    if (!record) {
      record = {
        id: subscriptionId,
        customerId,
        priceId: null,
        status: null,
        cancelAt: null,
        asOf: 0,
        paidInvoices: [],
        renewals: 0,
        lastPayment: null,
      };
      this.subscriptions.set(subscriptionId, record);
      this.customers.add(customerId);
    }
    return record;
  }

  /**
   * A snapshot of the subscription taken at `asOf`: older snapshots than the one applied are ignored, and a
   * canceled subscription stays canceled (`deleted`: from `customer.subscription.deleted`).
   */
  applySnapshot(subscription: Stripe.Subscription, asOf: number, deleted = false): SubscriptionRecord {
    const customerId = typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id;
    const record = this.ensure(subscription.id, customerId);
    if (asOf < record.asOf || (record.status === 'canceled' && !deleted)) return record;
    record.status = deleted ? 'canceled' : subscription.status;
    record.priceId = subscription.items.data[0]?.price.id ?? record.priceId;
    record.cancelAt = subscription.cancel_at ?? (subscription.cancel_at_period_end ? periodEnd(subscription) : null);
    record.asOf = asOf;
    return record;
  }

  /** A paid invoice of the subscription (`invoice.paid`; the same invoice twice counts once). */
  recordPayment(record: SubscriptionRecord, invoice: Stripe.Invoice): void {
    if (record.paidInvoices.includes(invoice.id)) return;
    record.paidInvoices.push(invoice.id);
    if (invoice.billing_reason === 'subscription_cycle') record.renewals += 1;
    const at = invoice.status_transitions?.paid_at ?? invoice.created;
    if (!record.lastPayment || at >= record.lastPayment.at)
      record.lastPayment = { at, amount: invoice.amount_paid, currency: invoice.currency };
  }
}

/** The end of the current period (per item in this API version; the earliest of the items). */
function periodEnd(subscription: Stripe.Subscription): number | null {
  const ends = subscription.items.data.map((item) => item.current_period_end).filter((end): end is number => typeof end === 'number');
  return ends.length > 0 ? Math.min(...ends) : null;
}
