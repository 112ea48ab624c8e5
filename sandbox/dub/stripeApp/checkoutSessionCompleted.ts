import type Stripe from 'stripe';
import type { DubCustomer } from '../objects';
import { customerForClick, recordLead, recordSale } from '../conversions';
import { idOf, type StripeAppContext } from './context';

/**
 * checkout.session.completed (SRC app/(ee)/api/stripe/integration/webhook/checkout-session-completed.ts;
 * https://dub.co/docs/integrations/stripe). Attribution, in Dub's order:
 * 1. `client_reference_id` = `dub_id_<clickId>`: the click → a customer (external id = Stripe customer id, else the
 *    email) and its lead;
 * 2. else, with a Stripe customer: `metadata.dubCustomerExternalId` (or `dubCustomerId`) → that Dub customer;
 *    else the Dub customer known by this Stripe customer id; else the Stripe customer's own metadata;
 *    (a partner discount's promotion code comes next in Dub: not emulated);
 * 3. else skip.
 * The sale is `amount_total − total_details.amount_tax`; zero, `mode: setup` and unpaid sessions are skipped; the
 * session's `invoice` is the idempotency key (null for a one-time payment without invoice creation: no dedupe, as in
 * Dub). Stored with `metadata: { checkoutSession }`, as Dub stores it.
 */
export async function checkoutSessionCompleted(context: StripeAppContext, session: Stripe.Checkout.Session): Promise<string> {
  const found = await attributedCustomer(context, session);
  if (typeof found === 'string') return found;

  const amount = (session.amount_total ?? 0) - (session.total_details?.amount_tax ?? 0);
  const stripeCustomerId = idOf(session.customer);
  if (amount === 0) return `Checkout session completed for Stripe customer ${stripeCustomerId} but amount is 0, skipping...`;
  if (session.mode === 'setup')
    return `Checkout session completed for Stripe customer ${stripeCustomerId} but mode is "setup", skipping...`;
  if (session.payment_status !== 'paid') {
    return `Checkout session completed for Stripe customer ${stripeCustomerId} but payment_status is not "paid", skipping...`;
  }
  const outcome = recordSale(context.store, context.sender, {
    customer: found,
    amount,
    currency: session.currency ?? 'usd',
    invoiceId: idOf(session.invoice) ?? '',
    eventName: session.mode === 'payment' ? 'Purchase' : 'Subscription creation',
    paymentProcessor: 'stripe',
    metadata: { checkoutSession: session },
  });
  if ('skipped' in outcome) return outcome.skipped;
  return `Sale ${outcome.sale.eventId} recorded${outcome.commission ? `, commission ${outcome.commission.id}` : ''}`;
}

async function attributedCustomer(context: StripeAppContext, session: Stripe.Checkout.Session): Promise<DubCustomer | string> {
  const { store, sender, stripe } = context;
  const stripeCustomerId = idOf(session.customer);
  const email = session.customer_details?.email ?? session.customer_email ?? null;
  const reference = session.client_reference_id;

  if (reference?.startsWith('dub_id_')) {
    const clickId = reference.split('dub_id_')[1] ?? '';
    const click = store.clicks.get(clickId);
    if (!click) return `Click event with dub_id ${clickId} not found, skipping...`;
    const externalId = stripeCustomerId || email;
    if (!externalId) return `Checkout session ${session.id} has neither a customer nor an email, skipping...`;
    const customer = customerForClick(store, click, { externalId, email, name: session.customer_details?.name ?? null, stripeCustomerId });
    // SRC: the lead recorded for a direct checkout is named "Sign up".
    recordLead(store, sender, customer, click, 'Sign up');
    return customer;
  }
  if (!stripeCustomerId) return 'No stripeCustomerId or dubCustomerExternalId found in Stripe checkout session metadata, skipping...';

  const externalId = session.metadata?.dubCustomerExternalId || session.metadata?.dubCustomerId;
  if (externalId) {
    const customer = store.customerByExternalId(externalId);
    if (!customer)
      return `dubCustomerExternalId was provided but customer with dubCustomerExternalId ${externalId} not found on Dub, skipping...`;
    customer.stripeCustomerId = stripeCustomerId;
    return customer;
  }
  const known = store.customerByStripeId(stripeCustomerId);
  if (known) return known;
  const connected = await stripe.customers.retrieve(stripeCustomerId).catch(() => null);
  const connectedExternalId =
    connected && !connected.deleted ? connected.metadata?.dubCustomerExternalId || connected.metadata?.dubCustomerId : undefined;
  if (connectedExternalId) {
    const customer = store.customerByExternalId(connectedExternalId);
    if (!customer) {
      return `dubCustomerExternalId was found on the connected customer ${stripeCustomerId} but customer with dubCustomerExternalId ${connectedExternalId} not found on Dub, skipping...`;
    }
    customer.stripeCustomerId = stripeCustomerId;
    return customer;
  }
  return (
    `dubCustomerExternalId not found in Stripe checkout session metadata (nor is it available on the connected customer ${stripeCustomerId}), ` +
    'client_reference_id is not a dub_id, and promotion code is not provided, skipping...'
  );
}
