import type Stripe from 'stripe';
import { KNOWN_API_VERSIONS } from '../../../../sandbox/provider/versions/knownVersions';
import { sdkClient, uniq, uniqueEmail, type RunningTestProvider } from '../support/fixtures';

/** The official SDK against the sandbox, pinned to `apiVersion` (sent as `Stripe-Version` on every request). */
export function pinnedTo(provider: RunningTestProvider, apiVersion: string): Stripe {
  return sdkClient(provider, provider.secretKey, { apiVersion: apiVersion as Stripe.StripeConfig['apiVersion'] });
}

/** The released version just before `version`: what a merchant who has not yet upgraded past a gate is pinned to. */
export function versionBefore(version: string): string {
  const index = KNOWN_API_VERSIONS.indexOf(version);
  if (index < 1) throw new Error(`${version} is not a released version with one before it`);
  return KNOWN_API_VERSIONS[index - 1]!;
}

/** The SDK pinned just before a gate's version and at it. */
export function aroundGate(provider: RunningTestProvider, version: string): { before: Stripe; after: Stripe } {
  return { before: pinnedTo(provider, versionBefore(version)), after: pinnedTo(provider, version) };
}

/** A paid card PaymentIntent (made in the SDK's own version, which never needs a return_url here). */
export async function paidIntent(stripe: Stripe, amount = 2000): Promise<Stripe.PaymentIntent> {
  return stripe.paymentIntents.create({
    amount,
    currency: 'usd',
    automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    payment_method: 'pm_card_visa',
    confirm: true,
  });
}

/** A monthly subscription started through the API and paid (its first invoice paid by its PaymentIntent). */
export async function paidSubscription(
  stripe: Stripe,
): Promise<{ subscription: Stripe.Subscription; invoice: Stripe.Invoice; intentId: string }> {
  const customer = await stripe.customers.create({ email: uniqueEmail('versions') });
  const product = await stripe.products.create({ name: uniq('Versioned plan') });
  const price = await stripe.prices.create({ product: product.id, unit_amount: 1200, currency: 'usd', recurring: { interval: 'month' } });
  const created = await stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: price.id }],
    payment_behavior: 'default_incomplete',
    expand: ['latest_invoice.payments'],
  });
  const invoice = created.latest_invoice as Stripe.Invoice;
  const intentId = invoice.payments!.data[0]!.payment.payment_intent as string;
  await stripe.paymentIntents.confirm(intentId, { payment_method: 'pm_card_visa' });
  return { subscription: await stripe.subscriptions.retrieve(created.id), invoice: await stripe.invoices.retrieve(invoice.id), intentId };
}
