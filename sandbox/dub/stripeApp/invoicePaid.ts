import type Stripe from 'stripe';
import { recordSale } from '../conversions';
import { idOf, type StripeAppContext } from './context';

/**
 * invoice.paid (SRC app/(ee)/api/stripe/integration/webhook/invoice-paid.ts): a sale for a customer Dub already
 * knows, by Stripe customer id, else by the Stripe customer's `metadata.dubCustomerExternalId` (a partner discount on
 * the invoice comes next in Dub: not emulated). The amount is `total_excluding_tax` when the invoice was paid in
 * full, else `amount_paid`; the invoice id is the idempotency key (so the first invoice of a subscription bought
 * through Checkout is one sale, whichever event comes first). Stored with `metadata: { invoice }`.
 */
export async function invoicePaid(context: StripeAppContext, invoice: Stripe.Invoice): Promise<string> {
  const { store, stripe } = context;
  const stripeCustomerId = idOf(invoice.customer);
  if (!stripeCustomerId) return 'Stripe customer ID not found on invoice, skipping...';
  let customer = store.customerByStripeId(stripeCustomerId);
  if (!customer) {
    const connected = await stripe.customers.retrieve(stripeCustomerId).catch(() => null);
    const externalId =
      connected && !connected.deleted ? connected.metadata?.dubCustomerExternalId || connected.metadata?.dubCustomerId : undefined;
    customer = externalId ? store.customerByExternalId(externalId) : undefined;
    if (customer) customer.stripeCustomerId = stripeCustomerId;
  }
  if (!customer) {
    return `Customer with stripeCustomerId ${stripeCustomerId} not found on Dub (nor does the connected customer ${stripeCustomerId} have a valid dubCustomerExternalId), skipping...`;
  }
  const amount =
    invoice.amount_paid === invoice.total && invoice.total_excluding_tax != null ? invoice.total_excluding_tax : invoice.amount_paid;
  if (amount <= 0) return `Invoice with ID ${invoice.id} has an amount of 0, skipping...`;
  const oneTime = invoice.lines.data.some((line) => line.parent?.subscription_item_details === null);
  const outcome = recordSale(store, context.sender, {
    customer,
    amount,
    currency: invoice.currency,
    invoiceId: invoice.id ?? '',
    eventName: oneTime ? 'Purchase' : 'Invoice paid',
    paymentProcessor: 'stripe',
    metadata: { invoice },
  });
  if ('skipped' in outcome) return outcome.skipped;
  return `Sale ${outcome.sale.eventId} recorded${outcome.commission ? `, commission ${outcome.commission.id}` : ''}`;
}
