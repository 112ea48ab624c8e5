import type Stripe from 'stripe';
import { customerForClick, recordLead } from '../conversions';
import type { StripeAppContext } from './context';

/**
 * customer.created / customer.updated (SRC app/(ee)/api/stripe/integration/webhook/utils/sync-customer.ts;
 * https://dub.co/docs/integrations/stripe "Stripe Customer"): needs `metadata.dubCustomerExternalId` (or the legacy
 * `dubCustomerId`). A Dub customer with that external id (or this Stripe id) gets the Stripe customer id; else, with
 * `metadata.dubClickId`, a customer and a lead are created from that click; else nothing.
 */
export function syncCustomer({ store, sender }: StripeAppContext, stripeCustomer: Stripe.Customer): string {
  const externalId = stripeCustomer.metadata?.dubCustomerExternalId || stripeCustomer.metadata?.dubCustomerId;
  const clickId = stripeCustomer.metadata?.dubClickId;
  if (!externalId) return 'External ID not found in Stripe customer metadata, skipping...';
  const existing = store.customerByExternalId(externalId) ?? store.customerByStripeId(stripeCustomer.id);
  if (existing) {
    existing.stripeCustomerId = stripeCustomer.id;
    if (stripeCustomer.email) existing.email = stripeCustomer.email;
    if (stripeCustomer.name) existing.name = stripeCustomer.name;
    return `Customer ${existing.id} updated with Stripe customer ${stripeCustomer.id}`;
  }
  if (!clickId) return 'Click ID not found in Stripe customer metadata, skipping...';
  const click = store.clicks.get(clickId);
  if (!click) return `Click event with ID ${clickId} not found, skipping...`;
  const customer = customerForClick(store, click, {
    externalId,
    email: stripeCustomer.email,
    name: stripeCustomer.name ?? null,
    stripeCustomerId: stripeCustomer.id,
  });
  // guess: the lead's event name (SRC sync-customer.ts records a lead; its name is not in the docs).
  recordLead(store, sender, customer, click, 'Sign up');
  return `Customer ${customer.id} and its lead created from click ${clickId}`;
}
