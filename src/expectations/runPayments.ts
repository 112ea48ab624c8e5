import type Stripe from 'stripe';

/** Where the run's payments are looked up at the provider, for failure messages. */
export const RUN_PAYMENTS_WHERE =
  "the provider's API (GET /v1/checkout/sessions?customer_details[email]=…, GET /v1/charges?payment_intent=…, GET /v1/charges?created[gte]=…)";

export interface RunPayments {
  sessions: Stripe.Checkout.Session[];
  charges: Stripe.Charge[];
}

/**
 * The run's checkout sessions (by the run customer's email, created since the run began) and every charge
 * behind them or billed to that email since then: what a run finds of its own in a shared account.
 */
export async function findRunPayments(provider: Stripe, run: { customerEmail: string; since: number; checkoutSessionIds?: string[] }): Promise<RunPayments> {
  const byEmail = await provider.checkout.sessions.list({ customer_details: { email: run.customerEmail }, created: { gte: run.since }, limit: 100 });
  const sessions = new Map(byEmail.data.map((session) => [session.id, session]));
  for (const id of run.checkoutSessionIds ?? []) {
    if (!sessions.has(id)) sessions.set(id, await provider.checkout.sessions.retrieve(id));
  }
  const charges = new Map<string, Stripe.Charge>();
  for (const session of sessions.values()) {
    const paymentIntent = idOf(session.payment_intent);
    if (!paymentIntent) continue;
    for (const charge of (await provider.charges.list({ payment_intent: paymentIntent, limit: 100 })).data) charges.set(charge.id, charge);
  }
  const recent = await provider.charges.list({ created: { gte: run.since }, limit: 100 });
  for (const charge of recent.data) {
    if (charge.billing_details.email === run.customerEmail || charge.receipt_email === run.customerEmail) charges.set(charge.id, charge);
  }
  return { sessions: [...sessions.values()], charges: [...charges.values()] };
}

export function isSuccessfulCharge(charge: Stripe.Charge): boolean {
  return charge.status === 'succeeded' && charge.paid;
}

export function describeCharges(charges: Stripe.Charge[]): string {
  return charges.length ? charges.map((c) => `${c.id} ${c.status} ${c.amount} ${c.currency}`).join(', ') : 'no charges';
}

export function idOf(value: string | { id: string } | null | undefined): string | undefined {
  if (!value) return undefined;
  return typeof value === 'string' ? value : value.id;
}
