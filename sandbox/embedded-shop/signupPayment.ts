import type Stripe from 'stripe';
import { idOf } from '../merchant/subscriptionRecords';
import type { EmbeddedShopContext } from './shopContext';
import type { Signup } from './signups';

/** Sign-ups being started, by sign-up: a double click's two submits wait for the same subscription. */
const starting = new WeakMap<Signup, Promise<void>>();

/**
 * Makes sure the sign-up has its customer (on the form's test clock, in test mode) and its subscription, created
 * `default_incomplete` so its first invoice waits for the Payment Element: once per sign-up, each call with an
 * idempotency key derived from the form token.
 */
export function ensureSubscription(shop: EmbeddedShopContext, signup: Signup): Promise<void> {
  if (signup.subscriptionId && signup.clientSecret) return Promise.resolve();
  const pending = starting.get(signup) ?? start(shop, signup).finally(() => starting.delete(signup));
  starting.set(signup, pending);
  return pending;
}

async function start(shop: EmbeddedShopContext, signup: Signup): Promise<void> {
  if (!signup.customerId) {
    const params: Stripe.CustomerCreateParams = { email: signup.email, metadata: { order_id: signup.id } };
    if (signup.testClockId) params.test_clock = signup.testClockId;
    const customer = await shop.stripe.customers.create(params, { idempotencyKey: `kissa-customer-${signup.token}` });
    signup.customerId ??= customer.id;
  }
  const metadata: Record<string, string> = { order_id: signup.id };
  if (signup.referralClickId) metadata.referral_click_id = signup.referralClickId;
  const subscription = await shop.stripe.subscriptions.create(
    {
      customer: signup.customerId,
      items: [{ price: shop.plan.priceId }],
      payment_behavior: 'default_incomplete',
      payment_settings: { save_default_payment_method: 'on_subscription' },
      metadata,
      expand: ['latest_invoice.confirmation_secret'],
    },
    { idempotencyKey: `kissa-subscription-${signup.token}` },
  );
  const invoice = typeof subscription.latest_invoice === 'object' ? subscription.latest_invoice : null;
  const clientSecret = invoice?.confirmation_secret?.client_secret;
  if (!clientSecret)
    throw new Error(`The provider returned subscription ${subscription.id} without its first invoice's confirmation secret.`);
  const paymentIntentId = paymentIntentOfSecret(clientSecret);
  if (!paymentIntentId) throw new Error(`The first invoice of subscription ${subscription.id} is not paid through a payment intent.`);
  if (idOf(subscription.customer) !== signup.customerId)
    throw new Error(`Subscription ${subscription.id} is not for customer ${signup.customerId}.`);
  signup.subscriptionId = subscription.id;
  signup.clientSecret = clientSecret;
  signup.paymentIntentId = paymentIntentId;
}

/** Whether the sign-up's first invoice is paid, asking the provider (its webhooks may be on their way). */
export async function signupPaidAtProvider(shop: EmbeddedShopContext, signup: Signup): Promise<boolean> {
  if (signup.completedAt !== null) return true;
  if (!signup.paymentIntentId) return false;
  return (await shop.stripe.paymentIntents.retrieve(signup.paymentIntentId)).status === 'succeeded';
}

/** A payment intent's client secret is `<payment intent id>_secret_<random>`. */
export function paymentIntentOfSecret(clientSecret: string): string | null {
  return /^(pi_[A-Za-z0-9_]+?)_secret_/.exec(clientSecret)?.[1] ?? null;
}
