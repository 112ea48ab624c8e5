import { FormRecords, unixSecondsNow } from './formRecords';

/**
 * What every sandbox merchant's order holds: made from one rendered Buy form (its token), paid through one payment
 * intent. Amounts are the provider's minor units. A shop's own order adds how it takes the payment.
 */
export interface MerchantOrder {
  id: string;
  /** The hidden form token the order was made from: a second submit of the same form finds this order. */
  token: string;
  productSlug: string;
  productName: string;
  amount: number;
  currency: string;
  email: string;
  referralClickId: string | null;
  paymentIntentId: string | null;
  paidAt: number | null;
  /** Order confirmations (emails) sent: one per fulfilment, so 1 for a paid order fulfilled once. */
  confirmationsSent: number;
  /** Refunded so far, as the provider last reported it. */
  amountRefunded: number;
  createdAt: number;
}

/** What the Buy form's submit gives a new order. */
export type NewMerchantOrder = Pick<
  MerchantOrder,
  'token' | 'productSlug' | 'productName' | 'amount' | 'currency' | 'email' | 'referralClickId'
>;

/** A shop's orders, in memory: found by id, form token or payment intent; paid and refunded as the provider says. */
export class OrderRecords<T extends MerchantOrder> extends FormRecords<T> {
  findByPaymentIntent(paymentIntentId: string): T | undefined {
    return this.all().find((order) => order.paymentIntentId === paymentIntentId);
  }

  /** Fulfils the order the first time it is paid: records the time and sends its one confirmation. */
  markPaid(order: T): void {
    if (order.paidAt !== null) return;
    order.paidAt = unixSecondsNow();
    order.confirmationsSent += 1;
  }

  /** The provider's amount_refunded is a running total: an older snapshot never lowers it. */
  recordAmountRefunded(order: T, amountRefunded: number): void {
    order.amountRefunded = Math.max(order.amountRefunded, amountRefunded);
  }
}

/**
 * How a merchant API's order JSON begins: the order's id, its status (each shop has its own) and its amounts. Each
 * shop's `orderJson` goes on with its own fields.
 */
export function orderHeadlineJson<S extends string>(order: MerchantOrder, status: S) {
  return {
    id: order.id,
    object: 'order' as const,
    status,
    product: order.productSlug,
    amount: order.amount,
    currency: order.currency,
    amount_refunded: order.amountRefunded,
  };
}
