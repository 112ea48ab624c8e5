import { newRecordId, unixSecondsNow } from '../merchant/formRecords';
import { orderHeadlineJson, OrderRecords, type MerchantOrder, type NewMerchantOrder } from '../merchant/orderRecords';

/** Machine form of an order's status; pages show it with spaces ("refund pending"). */
export type OrderStatus = 'pending' | 'payment_failed' | 'paid' | 'refund_pending' | 'partially_refunded' | 'refunded';

/** An order paid through a checkout session (`amountRefunded` as charge.refunded last reported it). */
export interface Order extends MerchantOrder {
  checkoutSessionId: string | null;
  paymentFailure: string | null;
  /** Refunds the provider accepted, by refund id (a replayed request returns the same id). */
  refundRequests: Map<string, number>;
}

export type NewOrder = NewMerchantOrder;

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
export class OrderBook extends OrderRecords<Order> {
  create(details: NewOrder): Order {
    return this.add({
      ...details,
      id: newRecordId('ord'),
      checkoutSessionId: null,
      paymentIntentId: null,
      paidAt: null,
      paymentFailure: null,
      amountRefunded: 0,
      refundRequests: new Map(),
      confirmationsSent: 0,
      createdAt: unixSecondsNow(),
    });
  }

  findByCheckoutSession(sessionId: string): Order | undefined {
    return this.list().find((order) => order.checkoutSessionId === sessionId);
  }

  /** Newest first. */
  list(): Order[] {
    return this.all().sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Fulfils the order the first time it is paid; also keeps the payment intent that paid it and forgets a failure. */
  override markPaid(order: Order, paymentIntentId: string | null = null): void {
    super.markPaid(order);
    if (paymentIntentId && !order.paymentIntentId) order.paymentIntentId = paymentIntentId;
    order.paymentFailure = null;
  }

  markPaymentFailed(order: Order, reason: string): void {
    if (order.paidAt === null) order.paymentFailure = reason;
  }

  recordRefundRequest(order: Order, refundId: string, amount: number): void {
    order.refundRequests.set(refundId, amount);
  }
}

/** The order as the JSON API shows it. */
export function orderJson(order: Order) {
  return {
    ...orderHeadlineJson(order, orderStatus(order)),
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
