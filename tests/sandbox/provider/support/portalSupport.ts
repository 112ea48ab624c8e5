import type Stripe from 'stripe';
import { uniq, uniqueEmail } from './fixtures';

/** A customer with a card and an active monthly subscription paid by it (one paid invoice). */
export interface SubscribedCustomer {
  customer: Stripe.Customer;
  product: Stripe.Product;
  price: Stripe.Price;
  card: Stripe.PaymentMethod;
  subscription: Stripe.Subscription;
}

export async function subscribedCustomer(stripe: Stripe, amount = 2000): Promise<SubscribedCustomer> {
  const product = await stripe.products.create({ name: uniq('Rehearsal club') });
  const price = await stripe.prices.create({ product: product.id, unit_amount: amount, currency: 'usd', recurring: { interval: 'month' } });
  const customer = await stripe.customers.create({ email: uniqueEmail('portal'), name: 'Portal Customer' });
  const card = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  const subscription = await stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: price.id }],
    default_payment_method: card.id,
  });
  return { customer, product, price, card, subscription };
}

export interface PortalAnswer {
  status: number;
  location: string | null;
  body: string;
}

/** A portal page as a browser without JavaScript gets it (redirects not followed). */
export async function portalGet(url: string): Promise<PortalAnswer> {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), body: await res.text() };
}

/** Posts one of the portal's forms (`path` relative to the session URL, e.g. `/subscriptions/sub_…/cancel`). */
export async function portalPost(sessionUrl: string, path: string, form: Record<string, string> = {}): Promise<PortalAnswer> {
  const res = await fetch(`${sessionUrl}${path}`, {
    method: 'POST',
    body: new URLSearchParams(form),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });
  return { status: res.status, location: res.headers.get('location'), body: await res.text() };
}

/** The provider's events of `types` about `id`, oldest first. */
export async function eventsAbout(stripe: Stripe, id: string, types: string[]): Promise<Stripe.Event[]> {
  const events = (await stripe.events.list({ limit: 100 })).data.reverse();
  return events.filter((event) => types.includes(event.type) && (event.data.object as { id?: string }).id === id);
}

export function futureExpiry(): string {
  return `12 / ${String((new Date().getUTCFullYear() + 5) % 100).padStart(2, '0')}`;
}
