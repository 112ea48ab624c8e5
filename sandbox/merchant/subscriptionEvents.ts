import type Stripe from 'stripe';
import { subscriptionOfInvoice } from './pinnedReads';
import { idOf, statusOf, type SubscriptionBook, type SubscriptionRecord } from './subscriptionRecords';

/** The merchant's record of a subscription it sold (found or created), or undefined when it is not the merchant's. */
export type RecordFinder = (
  subscriptionId: string,
  customerId: string | null,
  orderId: string | undefined,
) => SubscriptionRecord | undefined;

/**
 * The subscription webhooks (`customer.subscription.*`, `invoice.paid`, `invoice.payment_failed`): the ONLY
 * writers of a subscription's status in the merchant's record. Subscriptions that are not the merchant's
 * (`recordFor` finds none) are ignored. `ignoreChanges` (a defect of the demo shop) drops updates and deletions.
 */
export function applySubscriptionEvent(
  book: SubscriptionBook,
  event: Stripe.Event,
  recordFor: RecordFinder,
  options: { ignoreChanges?: boolean } = {},
): void {
  switch (event.type) {
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted': {
      if (event.type !== 'customer.subscription.created' && options.ignoreChanges) return;
      const subscription = event.data.object;
      const record = recordFor(subscription.id, idOf(subscription.customer), subscription.metadata?.order_id);
      if (!record) return;
      if (event.type === 'customer.subscription.created') {
        // The first snapshot of a subscription: it never overrides what a later event (which may have
        // arrived first, in the same second) already said.
        if (record.status === null) book.applySnapshot(record, event.created, statusOf(subscription));
        return;
      }
      const status = event.type === 'customer.subscription.deleted' ? 'canceled' : statusOf(subscription);
      book.applySnapshot(record, event.created, status);
      return;
    }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      // In the event's own version: before 2025-03-31.basil the invoice names its subscription itself.
      const invoice = event.data.object;
      const { subscriptionId, metadata } = subscriptionOfInvoice(invoice, event.api_version);
      if (!subscriptionId) return;
      const record = recordFor(subscriptionId, idOf(invoice.customer), metadata?.order_id);
      if (!record) return;
      if (event.type === 'invoice.paid') book.markInvoicePaid(record, event.created);
      else book.markInvoiceFailed(record, event.created);
      return;
    }
    default:
      return;
  }
}
