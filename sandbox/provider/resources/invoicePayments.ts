import type Stripe from 'stripe';
import { resourceMissing } from '../core/errors';
import { LIST_PARAMS, paginate } from '../core/listing';
import { optionalObject, optionalString } from '../core/params';
import type { ProviderServices, Resource } from '../core/services';

function allPayments(services: ProviderServices): Stripe.InvoicePayment[] {
  return [...services.store.invoicePayments.values()].flat().sort((a, b) => b.created - a.created);
}

/** `/v1/invoice_payments`: which PaymentIntent paid which invoice (also reachable with `expand[]=payments`). */
export const invoicePayments: Resource = {
  endpoints: [
    {
      method: 'GET',
      path: '/v1/invoice_payments/:id',
      params: [],
      handle({ services, path }) {
        const id = path.id ?? '';
        const payment = allPayments(services).find((p) => p.id === id);
        if (!payment) throw resourceMissing('invoice_payment', id);
        return payment;
      },
    },
    {
      method: 'GET',
      path: '/v1/invoice_payments',
      params: [...LIST_PARAMS, 'invoice', 'payment', 'status'],
      handle({ params, services }) {
        const invoice = optionalString(params, 'invoice');
        const status = optionalString(params, 'status');
        const intent = optionalObject(params, 'payment')?.payment_intent;
        const items = allPayments(services).filter(
          (p) =>
            (invoice === undefined || p.invoice === invoice) &&
            (status === undefined || p.status === status) &&
            (intent === undefined || p.payment.payment_intent === intent),
        );
        return paginate(items, params, '/v1/invoice_payments', 'invoice_payment');
      },
    },
  ],
};
