import type Stripe from 'stripe';
import { formatMoney } from '../../base/formatMoney';
import type { PaymentReference } from '../../model/target/contract';
import { sessionPaymentIntentIds } from '../provider/sessionPaymentIntents';

/** Where the run's payments are looked up at the provider, for failure messages. */
export const RUN_PAYMENTS_WHERE =
  "the provider's API (GET /v1/checkout/sessions?customer_details[email]=…, GET /v1/invoices/:id?expand[]=payments, GET /v1/payment_intents?created[gte]=…, " +
  'GET /v1/charges?payment_intent=…, GET /v1/charges?created[gte]=…)';

export interface RunPayments {
  /** The run's checkout sessions (hosted checkout). */
  sessions: Stripe.Checkout.Session[];
  /** The run's payment intents that belong to none of its sessions (a payment form in the merchant's page). */
  paymentIntents: Stripe.PaymentIntent[];
  charges: Stripe.Charge[];
}

/**
 * The run's payments: its checkout sessions (by the run customer's email, created since the run began), its
 * payment intents outside a session (those named, and those with the run customer's receipt email since then),
 * and every charge behind them or billed to that email since then: what a run finds of its own in a shared account.
 */
export async function findRunPayments(
  provider: Stripe,
  run: { customerEmail: string; since: number; payments?: PaymentReference[] },
): Promise<RunPayments> {
  const named = run.payments ?? [];
  const byEmail = await provider.checkout.sessions.list({
    customer_details: { email: run.customerEmail },
    created: { gte: run.since },
    limit: 100,
  });
  const sessions = new Map(byEmail.data.map((session) => [session.id, session]));
  for (const { id } of named.filter((payment) => payment.kind === 'checkout_session')) {
    if (!sessions.has(id)) sessions.set(id, await provider.checkout.sessions.retrieve(id));
  }
  const sessionIntents = new Set<string>();
  for (const session of sessions.values()) for (const id of await sessionPaymentIntentIds(provider, session)) sessionIntents.add(id);

  const intents = new Map<string, Stripe.PaymentIntent>();
  const recentIntents = await provider.paymentIntents.list({ created: { gte: run.since }, limit: 100 });
  for (const intent of recentIntents.data) {
    if (intent.receipt_email === run.customerEmail && !sessionIntents.has(intent.id)) intents.set(intent.id, intent);
  }
  for (const { id } of named.filter((payment) => payment.kind === 'payment_intent')) {
    if (!intents.has(id) && !sessionIntents.has(id)) intents.set(id, await provider.paymentIntents.retrieve(id));
  }

  const charges = new Map<string, Stripe.Charge>();
  for (const paymentIntent of [...sessionIntents, ...intents.keys()]) {
    for (const charge of (await provider.charges.list({ payment_intent: paymentIntent, limit: 100 })).data) charges.set(charge.id, charge);
  }
  const recent = await provider.charges.list({ created: { gte: run.since }, limit: 100 });
  for (const charge of recent.data) {
    if (charge.billing_details.email === run.customerEmail || charge.receipt_email === run.customerEmail) charges.set(charge.id, charge);
  }
  return { sessions: [...sessions.values()], paymentIntents: [...intents.values()], charges: [...charges.values()] };
}

/** The run's payments that went through: its paid checkout sessions and its succeeded payment intents outside them. */
export function paidPayments(payments: RunPayments): PaymentReference[] {
  return [
    ...payments.sessions
      .filter((session) => session.payment_status === 'paid')
      .map((session) => ({ kind: 'checkout_session' as const, id: session.id })),
    ...payments.paymentIntents
      .filter((intent) => intent.status === 'succeeded')
      .map((intent) => ({ kind: 'payment_intent' as const, id: intent.id })),
  ];
}

export function isSuccessfulCharge(charge: Stripe.Charge): boolean {
  return charge.status === 'succeeded' && charge.paid;
}

export function describeCharges(charges: Stripe.Charge[]): string {
  return charges.length ? charges.map((c) => `${c.id} ${c.status} ${formatMoney(c.amount, c.currency)}`).join(', ') : 'no charges';
}

export { idOf, sessionPaymentIntentIds } from '../provider/sessionPaymentIntents';
