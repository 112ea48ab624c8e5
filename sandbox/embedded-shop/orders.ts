import { randomBytes } from 'node:crypto';

/**
 * One purchase: made from one rendered Buy form (its token), paid through one payment intent created for it.
 * Amounts are the provider's minor units (yen have none).
 */
export interface KissaOrder {
  id: string;
  /** The hidden form token the order was made from: a second submit of the same form finds this order. */
  token: string;
  productSlug: string;
  productName: string;
  amount: number;
  currency: string;
  email: string;
  referralClickId: string | null;
  /** Known once the payment intent is created (right after the order). */
  paymentIntentId: string | null;
  /** The payment intent's client secret, for the checkout page's Payment Element only. */
  clientSecret: string | null;
  paidAt: number | null;
  /** Order confirmations sent: one per fulfilment, so 1 for a paid order fulfilled once. */
  confirmationsSent: number;
  /** Refunded so far, as the provider last reported it. */
  amountRefunded: number;
  /** What the referral platform answered when the sale was reported (conversion id), or why it was not. */
  saleReport: { conversion: string } | { rejected: string } | null;
  createdAt: number;
}

export type NewOrder = Pick<KissaOrder, 'token' | 'productSlug' | 'productName' | 'amount' | 'currency' | 'email' | 'referralClickId'>;

/** The status the customer and the merchant API see. */
export type OrderStatus = 'awaiting_payment' | 'paid' | 'partially_refunded' | 'refunded';

export function orderStatus(order: KissaOrder): OrderStatus {
  if (order.paidAt === null) return 'awaiting_payment';
  if (order.amountRefunded >= order.amount) return 'refunded';
  return order.amountRefunded > 0 ? 'partially_refunded' : 'paid';
}

/** "partially refunded" for `partially_refunded`. */
export function orderStatusLabel(order: KissaOrder): string {
  return orderStatus(order).replace(/_/g, ' ');
}

/** The shop's orders, in memory. */
export class OrderBook {
  private readonly byId = new Map<string, KissaOrder>();
  private readonly idByToken = new Map<string, string>();

  create(details: NewOrder): KissaOrder {
    const order: KissaOrder = {
      ...details,
      id: `ord_${randomBytes(8).toString('hex')}`,
      paymentIntentId: null,
      clientSecret: null,
      paidAt: null,
      confirmationsSent: 0,
      amountRefunded: 0,
      saleReport: null,
      createdAt: Math.floor(Date.now() / 1000),
    };
    this.byId.set(order.id, order);
    this.idByToken.set(order.token, order.id);
    return order;
  }

  get(id: string): KissaOrder | undefined {
    return this.byId.get(id);
  }

  findByToken(token: string): KissaOrder | undefined {
    const id = this.idByToken.get(token);
    return id === undefined ? undefined : this.byId.get(id);
  }

  findByPaymentIntent(paymentIntentId: string): KissaOrder | undefined {
    return [...this.byId.values()].find((order) => order.paymentIntentId === paymentIntentId);
  }

  /** Fulfils the order the first time it is paid: records the time and sends its one confirmation. */
  markPaid(order: KissaOrder): void {
    if (order.paidAt !== null) return;
    order.paidAt = Math.floor(Date.now() / 1000);
    order.confirmationsSent += 1;
  }

  /** The provider's amount_refunded is a running total: an older snapshot never lowers it. */
  recordAmountRefunded(order: KissaOrder, amountRefunded: number): void {
    order.amountRefunded = Math.max(order.amountRefunded, amountRefunded);
  }
}

/** The order as the merchant API shows it. */
export function orderJson(order: KissaOrder) {
  return {
    id: order.id,
    object: 'order' as const,
    status: orderStatus(order),
    product: order.productSlug,
    amount: order.amount,
    currency: order.currency,
    amount_refunded: order.amountRefunded,
    customer_email: order.email,
    referral_click_id: order.referralClickId,
    payment_intent: order.paymentIntentId,
    paid_at: order.paidAt,
    fulfilment_count: order.confirmationsSent,
    referral_conversion: order.saleReport && 'conversion' in order.saleReport ? order.saleReport.conversion : null,
    created: order.createdAt,
  };
}
