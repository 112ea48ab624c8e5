import type Stripe from 'stripe';
import { invalidRequest, resourceMissing } from '../core/errors';
import { LIST_PARAMS, paginate } from '../core/listing';
import { optionalString } from '../core/params';
import type { ApiCall, Resource } from '../core/services';

const STATUSES = ['draft', 'open', 'paid', 'uncollectible', 'void'];

function findInvoice({ services, path }: ApiCall): Stripe.Invoice {
  const id = path.id ?? '';
  const invoice = services.store.get('invoice', id);
  if (!invoice) throw resourceMissing('invoice', id);
  return invoice;
}

export const invoices: Resource = {
  expandable: {
    // In this API version an invoice's PaymentIntent is reached through its payments (`expand[]=payments`).
    'invoice.payments': (owner, services) => {
      const id = String(owner.id);
      return { object: 'list', data: services.store.invoicePayments.get(id) ?? [], has_more: false, url: `/v1/invoice_payments?invoice=${id}` };
    },
    // Includable only, like `payments`: the client secret of the PaymentIntent made when the invoice was finalized,
    // for the Payment Element (`expand[]=latest_invoice.confirmation_secret` on a subscription). Null without one.
    'invoice.confirmation_secret': (owner, services): Stripe.Invoice.ConfirmationSecret | null => {
      const payment = (services.store.invoicePayments.get(String(owner.id)) ?? []).find((p) => p.is_default);
      const intentId = payment?.payment.payment_intent;
      const intent = intentId ? services.store.get('payment_intent', String(intentId)) : undefined;
      return intent?.client_secret ? { client_secret: intent.client_secret, type: 'payment_intent' } : null;
    },
  },
  endpoints: [
    { method: 'GET', path: '/v1/invoices/:id', params: [], handle: findInvoice },
    {
      method: 'GET',
      path: '/v1/invoices/:id/lines',
      params: ['limit', 'starting_after', 'ending_before'],
      handle(call) {
        const invoice = findInvoice(call);
        // Lines keep the invoice's order (oldest first); pagination needs a `created` to sort by.
        const lines = invoice.lines.data.map((line) => ({ ...line, created: invoice.created }));
        const page = paginate(lines, call.params, `/v1/invoices/${invoice.id}/lines`, 'line_item');
        return { ...page, data: page.data.map(({ created: _created, ...line }) => line) };
      },
    },
    {
      method: 'GET',
      path: '/v1/invoices',
      params: [...LIST_PARAMS, 'customer', 'subscription', 'status', 'collection_method', 'due_date'],
      handle({ params, services }) {
        const customer = optionalString(params, 'customer');
        const subscription = optionalString(params, 'subscription');
        const status = optionalString(params, 'status');
        if (status !== undefined && !STATUSES.includes(status)) throw invalidRequest(`Invalid status: must be one of ${STATUSES.join(', ')}`, { param: 'status' });
        const items = services.store.all('invoice').filter(
          (invoice) =>
            (customer === undefined || invoice.customer === customer) &&
            (subscription === undefined || invoice.parent?.subscription_details?.subscription === subscription) &&
            (status === undefined || invoice.status === status),
        );
        return paginate(items, params, '/v1/invoices', 'invoice');
      },
    },
  ],
};
