import type Stripe from 'stripe';
import type { FaultSwitches } from '../faults';
import type { ReferralStore } from './store';
import type { WebhookSender } from './webhooks/webhookSender';
import { convertCheckoutSession, convertPaidInvoice } from './saleEvents';
import { reverseRefundedCommissions } from './refundReversal';
import { attributeSubscriptionCheckout, convertSubscriptionInvoice, endSubscriptionAttribution, subscriptionOf } from './subscriptions';

/** The provider events the platform subscribes to at start-up. */
export const PROVIDER_EVENT_TYPES = [
  'checkout.session.completed',
  'invoice.paid',
  'charge.refunded',
  'customer.subscription.deleted',
] as const;

/**
 * Handles one verified provider event once: a repeated event id is acknowledged and ignored.
 * Returns one line saying what happened, echoed in the webhook response for whoever reads the provider's log.
 */
export function handleProviderEvent(store: ReferralStore, sender: WebhookSender, faults: FaultSwitches, event: Stripe.Event): string {
  if (store.handledProviderEvents.has(event.id)) return `duplicate event ${event.id}`;
  let outcome: string;
  switch (event.type) {
    case 'checkout.session.completed':
      // A subscription's payments are its invoices: its checkout only attributes it (see subscriptions.ts).
      outcome =
        event.data.object.mode === 'subscription'
          ? attributeSubscriptionCheckout(store, sender, faults, event)
          : convertCheckoutSession(store, sender, faults, event);
      break;
    case 'invoice.paid':
      outcome = subscriptionOf(event.data.object)
        ? convertSubscriptionInvoice(store, sender, faults, event)
        : convertPaidInvoice(store, sender, faults, event);
      break;
    case 'customer.subscription.deleted':
      outcome = endSubscriptionAttribution(store, event);
      break;
    case 'charge.refunded':
      // Read at the moment the event is handled, so a test can switch it on between purchase and refund.
      outcome = faults.has('referral.skip-refund-reversal')
        ? 'ignored: fault referral.skip-refund-reversal is on'
        : reverseRefundedCommissions(store, sender, event, faults);
      break;
    default:
      outcome = `ignored: ${event.type} is not a referral event`;
  }
  store.handledProviderEvents.add(event.id);
  return outcome;
}
