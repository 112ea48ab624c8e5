import { newRecordId, unixSecondsNow } from '../merchant/formRecords';
import { orderHeadlineJson, OrderRecords, type MerchantOrder, type NewMerchantOrder } from '../merchant/orderRecords';

/**
 * One purchase: made from one rendered Buy form (its token), paid through one payment intent created for it right
 * after the order (`paymentIntentId`). Amounts are the provider's minor units (yen have none).
 */
export interface KissaOrder extends MerchantOrder {
  /** The payment intent's client secret, for the checkout page's Payment Element only. */
  clientSecret: string | null;
  /** What the referral platform answered when the sale was reported (conversion id), or why it was not. */
  saleReport: { conversion: string } | { rejected: string } | null;
}

export type NewOrder = NewMerchantOrder;

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
export class OrderBook extends OrderRecords<KissaOrder> {
  create(details: NewOrder): KissaOrder {
    return this.add({
      ...details,
      id: newRecordId('ord'),
      paymentIntentId: null,
      clientSecret: null,
      paidAt: null,
      confirmationsSent: 0,
      amountRefunded: 0,
      saleReport: null,
      createdAt: unixSecondsNow(),
    });
  }
}

/** The order as the merchant API shows it. */
export function orderJson(order: KissaOrder) {
  return {
    ...orderHeadlineJson(order, orderStatus(order)),
    customer_email: order.email,
    referral_click_id: order.referralClickId,
    payment_intent: order.paymentIntentId,
    paid_at: order.paidAt,
    fulfilment_count: order.confirmationsSent,
    referral_conversion: order.saleReport && 'conversion' in order.saleReport ? order.saleReport.conversion : null,
    created: order.createdAt,
  };
}
