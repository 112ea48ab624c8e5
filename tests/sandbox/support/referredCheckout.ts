import Stripe from 'stripe';
import { payHostedCheckout } from './payHostedCheckout';

/** The provider's SDK client, as the merchant uses it. */
export function providerSdk(provider: { url: string; secretKey: string }): Stripe {
  const { hostname, port } = new URL(provider.url);
  return new Stripe(provider.secretKey, { host: hostname, port: Number(port), protocol: 'http' });
}

/** Calls the referral platform's API with its secret key; the answer's status and JSON body. */
export async function referralApi<T = any>(
  referral: { url: string; apiKey: string },
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  options: { body?: unknown; idempotencyKey?: string } = {},
): Promise<{ status: number; headers: Headers; body: T }> {
  const response = await fetch(`${referral.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${referral.apiKey}`,
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/**
 * A referred customer pays a $20 checkout on the sandbox provider's hosted page (posted as the page's form does),
 * with a click by `partner` at the referral platform: the provider's `checkout.session.completed` then makes a
 * conversion and a commission there. Returns the session (its `payment_intent` refunds it).
 */
export async function payReferredCheckout(
  sandbox: { provider: { url: string; secretKey: string }; referral: { url: string; publishableKey: string } },
  orderId: string,
  partner = 'alice',
): Promise<Stripe.Checkout.Session> {
  const clickResponse = await fetch(`${sandbox.referral.url}/v1/clicks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.referral.publishableKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ partner, landing_url: 'http://127.0.0.1:9/?via=alice' }),
  });
  if (clickResponse.status !== 200) throw new Error(`The click was not recorded: HTTP ${clickResponse.status}.`);
  const click = (await clickResponse.json()) as { id: string };
  const stripe = providerSdk(sandbox.provider);
  const session = await stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 2000, product_data: { name: 'Rehearsal T-shirt' } } }],
    success_url: 'http://127.0.0.1:9/success?session_id={CHECKOUT_SESSION_ID}',
    client_reference_id: click.id,
    metadata: { referral_click_id: click.id, order_id: orderId },
  });
  const paid = await payHostedCheckout(sandbox.provider.url, session.id);
  if (paid.status !== 303) throw new Error(`The hosted page did not take the payment: HTTP ${paid.status}.`);
  return stripe.checkout.sessions.retrieve(session.id);
}
