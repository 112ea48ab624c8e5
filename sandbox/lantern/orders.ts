import { randomBytes } from 'node:crypto';

export type OrderStatus = 'pending' | 'paid' | 'partially_refunded' | 'refunded';

/** One lantern order: created when a customer first presses "Buy now" with a given order form. */
export interface Order {
  id: string;
  status: OrderStatus;
  /** The Checkout Session the customer is paying (or paid) with; a new one replaces an expired one. */
  sessionId: string | null;
  paymentIntentId: string | null;
  amount: number | null;
  currency: string | null;
  amountRefunded: number;
  paidAt: number | null;
}

/** Order ids a customer can read out on the phone: LC- and eight letters or digits (no 0/O, 1/I). */
function newOrderId(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return `LC-${[...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/** The shop's orders, in memory (a real deployment keeps them in its database). */
export class OrderBook {
  private readonly orders = new Map<string, Order>();
  private readonly byPaymentIntent = new Map<string, string>();

  create(): Order {
    let id = newOrderId();
    while (this.orders.has(id)) id = newOrderId();
    const order: Order = {
      id,
      status: 'pending',
      sessionId: null,
      paymentIntentId: null,
      amount: null,
      currency: null,
      amountRefunded: 0,
      paidAt: null,
    };
    this.orders.set(id, order);
    return order;
  }

  get(id: string | null | undefined): Order | undefined {
    return id ? this.orders.get(id) : undefined;
  }

  byPayment(paymentIntentId: string): Order | undefined {
    return this.get(this.byPaymentIntent.get(paymentIntentId));
  }

  /** The order is paid (from the success page or `checkout.session.completed`; both may come, in any order). */
  markPaid(
    order: Order,
    payment: { sessionId: string | null; paymentIntentId: string | null; amount: number | null; currency: string | null },
  ): void {
    if (order.status === 'pending') {
      order.status = 'paid';
      order.paidAt = Math.floor(Date.now() / 1000);
    }
    if (payment.sessionId) order.sessionId = payment.sessionId;
    order.amount = payment.amount ?? order.amount;
    order.currency = payment.currency ?? order.currency;
    if (payment.paymentIntentId) {
      order.paymentIntentId = payment.paymentIntentId;
      this.byPaymentIntent.set(payment.paymentIntentId, order.id);
    }
  }

  /** What the provider says is refunded of the order's charge (the amount only grows). */
  markRefunded(order: Order, amountRefunded: number, fully: boolean): void {
    order.amountRefunded = Math.max(order.amountRefunded, amountRefunded);
    if (fully) order.status = 'refunded';
    else if (order.amountRefunded > 0 && order.status !== 'refunded') order.status = 'partially_refunded';
  }
}

/** The order's status in words, as the thanks page shows it. */
export function orderStatusInWords(status: OrderStatus): string {
  switch (status) {
    case 'pending':
      return 'Awaiting payment';
    case 'paid':
      return 'Paid';
    case 'partially_refunded':
      return 'Partially refunded';
    case 'refunded':
      return 'Refunded';
  }
}
