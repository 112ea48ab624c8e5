import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';

/*
 * A sandbox merchant's own record of its customers' subscriptions, written only by the provider's webhooks, and the
 * customer sessions that let a browser see them (shared by the demo shop and the embedded shop).
 */

/** What the account page shows; machine form, shown with spaces. */
export type ShopSubscriptionStatus = 'pending' | 'active' | 'canceling_at_period_end' | 'canceled' | 'past_due' | 'incomplete' | 'paused';

export function subscriptionStatusLabel(status: ShopSubscriptionStatus): string {
  return status.replace(/_/g, ' ');
}

/** The shop's status for a subscription as the provider describes it. */
export function statusOf(subscription: Pick<Stripe.Subscription, 'status' | 'cancel_at_period_end' | 'cancel_at'>): ShopSubscriptionStatus {
  switch (subscription.status) {
    case 'active':
    case 'trialing':
      return subscription.cancel_at_period_end || subscription.cancel_at !== null ? 'canceling_at_period_end' : 'active';
    case 'past_due':
    case 'unpaid':
      return 'past_due';
    case 'canceled':
    case 'incomplete_expired':
      return 'canceled';
    case 'incomplete':
      return 'incomplete';
    case 'paused':
      return 'paused';
    default:
      return 'pending';
  }
}

/**
 * The merchant's own record of a subscription. `status` is written ONLY by the provider's webhooks (the
 * success page may create the record, to link it to the customer, but never sets its status).
 */
export interface SubscriptionRecord {
  id: string;
  customerId: string;
  signupId: string | null;
  planName: string;
  amount: number;
  currency: string;
  /** null until the first subscription webhook arrives. */
  status: ShopSubscriptionStatus | null;
  /** `created` of the newest subscription event applied: an older event never overwrites a newer one. */
  lastEventCreated: number;
  createdAt: number;
}

export class SubscriptionBook {
  private readonly byId = new Map<string, SubscriptionRecord>();

  get(id: string): SubscriptionRecord | undefined {
    return this.byId.get(id);
  }

  /** The record of a subscription, created (without a status) the first time the shop hears of it. */
  ensure(id: string, details: Omit<SubscriptionRecord, 'id' | 'status' | 'lastEventCreated' | 'createdAt'>): SubscriptionRecord {
    const known = this.byId.get(id);
    if (known) return known;
    const record: SubscriptionRecord = { ...details, id, status: null, lastEventCreated: 0, createdAt: Math.floor(Date.now() / 1000) };
    this.byId.set(id, record);
    return record;
  }

  /** The record of a subscription sold through a sign-up (the sign-up's customer, plan and price). */
  ensureForSignup(
    id: string,
    signup: { id: string; customerId: string; planName: string; amount: number; currency: string },
  ): SubscriptionRecord {
    const { customerId, planName, amount, currency } = signup;
    return this.ensure(id, { customerId, signupId: signup.id, planName, amount, currency });
  }

  /** Newest first. */
  forCustomers(customerIds: ReadonlySet<string>): SubscriptionRecord[] {
    return [...this.byId.values()].filter((record) => customerIds.has(record.customerId)).sort((a, b) => b.createdAt - a.createdAt);
  }

  /**
   * Applies a subscription event's snapshot. Deliveries may arrive late or out of order: an event older
   * than the newest applied one is ignored, and a canceled subscription stays canceled.
   */
  applySnapshot(record: SubscriptionRecord, eventCreated: number, status: ShopSubscriptionStatus): void {
    if (record.status === 'canceled') return;
    if (eventCreated < record.lastEventCreated) return;
    record.status = status;
    record.lastEventCreated = eventCreated;
  }

  /** invoice.paid: a subscription that was behind is paid up again (a newer snapshot still wins). */
  markInvoicePaid(record: SubscriptionRecord, eventCreated: number): void {
    if (record.status === 'canceled' || eventCreated < record.lastEventCreated) return;
    if (record.status === null || record.status === 'past_due' || record.status === 'incomplete' || record.status === 'pending') {
      record.status = 'active';
      record.lastEventCreated = eventCreated;
    }
  }

  /** invoice.payment_failed: the subscription is behind on its payments. */
  markInvoiceFailed(record: SubscriptionRecord, eventCreated: number): void {
    if (record.status === 'canceled' || eventCreated < record.lastEventCreated) return;
    record.status = 'past_due';
    record.lastEventCreated = eventCreated;
  }
}

/** Customer sign-ins: a random id in an httpOnly cookie, mapped to the provider customers it may see. */
export class CustomerSessions {
  private readonly customersBySession = new Map<string, Set<string>>();

  customersOf(sessionId: string | undefined): ReadonlySet<string> {
    return (sessionId && this.customersBySession.get(sessionId)) || new Set<string>();
  }

  /** Adds the customer to the caller's session, or opens a new one; returns the session id to set. */
  grant(sessionId: string | undefined, customerId: string): string {
    const existing = sessionId ? this.customersBySession.get(sessionId) : undefined;
    if (existing && sessionId) {
      existing.add(customerId);
      return sessionId;
    }
    const id = randomBytes(24).toString('base64url');
    this.customersBySession.set(id, new Set([customerId]));
    return id;
  }
}

export const CUSTOMER_COOKIE = 'shop_customer_session';
export const CUSTOMER_COOKIE_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}
