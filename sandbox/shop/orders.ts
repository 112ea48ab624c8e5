import { randomBytes } from 'node:crypto';

/** Machine form of an order's status; pages show it with spaces ("refund pending"). */
export type OrderStatus = 'pending' | 'payment_failed' | 'paid' | 'refund_pending' | 'partially_refunded' | 'refunded';

export interface Order {
  id: string;
  /** The hidden form token the order was created from: a second submit of the same form finds this order. */
  token: string;
  productSlug: string;
  productName: string;
  amount: number;
  currency: string;
  email: string;
  referralClickId: string | null;
  checkoutSessionId: string | null;
  paymentIntentId: string | null;
  paidAt: number | null;
  paymentFailure: string | null;
  /** Refunded amount as the provider last reported it (charge.refunded). */
  amountRefunded: number;
  /** Refunds the provider accepted, by refund id (a replayed request returns the same id). */
  refundRequests: Map<string, number>;
  /** Order confirmations (emails) sent: one per fulfilment, so 1 for a paid order fulfilled once. */
  confirmationsSent: number;
  createdAt: number;
}

export type NewOrder = Pick<Order, 'token' | 'productSlug' | 'productName' | 'amount' | 'currency' | 'email' | 'referralClickId'>;

/** The status follows from the facts the shop holds, so webhooks and API answers may arrive in any order. */
export function orderStatus(order: Order): OrderStatus {
  if (order.paidAt === null) return order.paymentFailure ? 'payment_failed' : 'pending';
  if (refundRequested(order) > order.amountRefunded) return 'refund_pending';
  if (order.amountRefunded >= order.amount) return 'refunded';
  if (order.amountRefunded > 0) return 'partially_refunded';
  return 'paid';
}

export function statusLabel(status: OrderStatus): string {
  return status.replace(/_/g, ' ');
}

export function refundRequested(order: Order): number {
  let total = 0;
  for (const amount of order.refundRequests.values()) total += amount;
  return total;
}

/** What can still be refunded: the amount minus whatever is refunded or already asked for. */
export function refundableAmount(order: Order): number {
  if (order.paidAt === null) return 0;
  return Math.max(0, order.amount - Math.max(refundRequested(order), order.amountRefunded));
}

/** The shop's orders, in memory. */
export class OrderBook {
  private readonly byId = new Map<string, Order>();
  private readonly idByToken = new Map<string, string>();

  create(details: NewOrder): Order {
    const order: Order = {
      ...details,
      id: `ord_${randomBytes(8).toString('hex')}`,
      checkoutSessionId: null,
      paymentIntentId: null,
      paidAt: null,
      paymentFailure: null,
      amountRefunded: 0,
      refundRequests: new Map(),
      confirmationsSent: 0,
      createdAt: Math.floor(Date.now() / 1000),
    };
    this.byId.set(order.id, order);
    this.idByToken.set(order.token, order.id);
    return order;
  }

  get(id: string): Order | undefined {
    return this.byId.get(id);
  }

  findByToken(token: string): Order | undefined {
    const id = this.idByToken.get(token);
    return id === undefined ? undefined : this.byId.get(id);
  }

  findByCheckoutSession(sessionId: string): Order | undefined {
    return this.list().find((order) => order.checkoutSessionId === sessionId);
  }

  findByPaymentIntent(paymentIntentId: string): Order | undefined {
    return this.list().find((order) => order.paymentIntentId === paymentIntentId);
  }

  /** Newest first. */
  list(): Order[] {
    return [...this.byId.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Fulfils the order the first time it is paid: records the time and sends its one confirmation. */
  markPaid(order: Order, paymentIntentId: string | null): void {
    if (order.paidAt === null) {
      order.paidAt = Math.floor(Date.now() / 1000);
      order.confirmationsSent += 1;
    }
    if (paymentIntentId && !order.paymentIntentId) order.paymentIntentId = paymentIntentId;
    order.paymentFailure = null;
  }

  markPaymentFailed(order: Order, reason: string): void {
    if (order.paidAt === null) order.paymentFailure = reason;
  }

  recordRefundRequest(order: Order, refundId: string, amount: number): void {
    order.refundRequests.set(refundId, amount);
  }

  /** The provider's amount_refunded is a running total; an older event never lowers it. */
  recordAmountRefunded(order: Order, amountRefunded: number): void {
    order.amountRefunded = Math.max(order.amountRefunded, amountRefunded);
  }
}

/** The order as the JSON API shows it. */
export function orderJson(order: Order) {
  return {
    id: order.id,
    object: 'order' as const,
    status: orderStatus(order),
    product: order.productSlug,
    amount: order.amount,
    currency: order.currency,
    amount_refunded: order.amountRefunded,
    amount_refund_requested: refundRequested(order),
    customer_email: order.email,
    referral_click_id: order.referralClickId,
    checkout_session: order.checkoutSessionId,
    payment_intent: order.paymentIntentId,
    payment_failure: order.paymentFailure,
    paid_at: order.paidAt,
    fulfilment_count: order.confirmationsSent,
    created: order.createdAt,
  };
}
