import type Stripe from 'stripe';
import { chargeRefunded } from './chargeRefunded';
import { checkoutSessionCompleted } from './checkoutSessionCompleted';
import type { StripeAppContext } from './context';
import { syncCustomer } from './customerSync';
import { invoicePaid } from './invoicePaid';

/**
 * One verified provider event, handled once (a redelivered event id is acknowledged and ignored); returns Dub's
 * one-line `response`, echoed in the webhook answer as Dub's route does (SRC route.ts `logAndRespond`).
 */
export async function handleStripeAppEvent(context: StripeAppContext, event: Stripe.Event): Promise<string> {
  if (context.store.handledProviderEvents.has(event.id)) return `Event ${event.id} already handled, skipping...`;
  const outcome = await handle(context, event);
  // Marked once handled: an event whose handling failed (500) is handled again when the provider retries it.
  context.store.handledProviderEvents.add(event.id);
  return outcome;
}

function handle(context: StripeAppContext, event: Stripe.Event): Promise<string> | string {
  switch (event.type) {
    case 'customer.created':
    case 'customer.updated':
      return syncCustomer(context, event.data.object);
    case 'checkout.session.completed':
      return checkoutSessionCompleted(context, event.data.object);
    case 'invoice.paid':
      return invoicePaid(context, event.data.object);
    case 'charge.refunded':
      return chargeRefunded(context, event.data.object);
    default:
      return `Unsupported event ${event.type}, skipping...`;
  }
}
