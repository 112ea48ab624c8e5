import type Stripe from 'stripe';
import { formatMoney } from '../../base/formatMoney';
import { pollUntil } from '../polling/pollUntil';
import type { ExpectationContext } from './expectationContext';
import { wakeOnProviderEvents } from './wakeOnEvents';

const BILLING_REASON_WORDS: Partial<Record<Stripe.Invoice.BillingReason, string>> = {
  subscription_create: 'first',
  subscription_cycle: 'renewal',
};

/**
 * The provider shows a paid invoice of the subscription for this billing reason (`subscription_create` for the
 * first, `subscription_cycle` for a renewal), for the plan's amount. Resolves with the invoice read with its
 * payments (`expand[]=payments`: since API version 2025-03-31 an invoice's payment intent is only there), so the
 * referral conversion of the invoice can be looked for by its payment too.
 */
export async function expectInvoicePaid(
  provider: Stripe,
  expected: { subscriptionId: string; billingReason: Stripe.Invoice.BillingReason; amount: number; currency: string },
  { evidence, timeoutMs, arrivals }: ExpectationContext,
): Promise<Stripe.Invoice> {
  const { subscriptionId, billingReason } = expected;
  const which = BILLING_REASON_WORDS[billingReason] ?? billingReason;
  const { value: found } = await pollUntil({
    what: `a paid ${which} invoice (billing_reason ${billingReason}) of subscription ${subscriptionId}`,
    where: `the provider's API (GET /v1/invoices?subscription=${subscriptionId})`,
    timeoutMs,
    wakeOn: wakeOnProviderEvents({ arrivals }, 'invoice.'),
    check: async (note) => {
      const invoices = await provider.invoices.list({ subscription: subscriptionId, limit: 100 });
      note(invoices.data.length ? invoices.data.map((i) => `${i.id} ${i.billing_reason} ${i.status}`).join(', ') : 'no invoices');
      return invoices.data.find((candidate) => candidate.billing_reason === billingReason && candidate.status === 'paid');
    },
  });
  // The payment intent too: its charge is how a platform that records sales by charge (Rewardful) knows the invoice's sale.
  const invoice = await provider.invoices.retrieve(found.id, { expand: ['payments', 'payments.data.payment.payment_intent'] });
  await evidence.attachJson(`${which} invoice`, invoice);
  if (invoice.amount_paid !== expected.amount || invoice.currency !== expected.currency) {
    throw new Error(
      `The ${which} invoice ${invoice.id} of subscription ${subscriptionId} was paid ${formatMoney(invoice.amount_paid, invoice.currency)}, ` +
        `but the plan costs ${formatMoney(expected.amount, expected.currency)}.`,
    );
  }
  return invoice;
}

/** The amount a commission on an invoice is based on: what was paid, excluding tax, in minor units. */
export function invoiceSaleAmount(invoice: Stripe.Invoice): number {
  return invoice.total_excluding_tax ?? invoice.amount_paid;
}
