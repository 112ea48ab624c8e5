import type Stripe from 'stripe';
import { invalidRequest, missingParam, resourceMissing } from '../core/errors';
import { LIST_PARAMS, paginate } from '../core/listing';
import { metadataParam, oneOf, optionalBoolean, optionalString } from '../core/params';
import type { ApiCall, Endpoint, Resource } from '../core/services';
import { deleteDraft, finalizeInvoice, markUncollectible, payInvoiceNow, voidInvoice } from '../billing/invoiceActions';
import { createManualInvoice } from '../billing/manualInvoice';

const STATUSES = ['draft', 'open', 'paid', 'uncollectible', 'void'];

function findInvoice({ services, path }: ApiCall): Stripe.Invoice {
  const id = path.id ?? '';
  const invoice = services.store.get('invoice', id);
  if (!invoice) throw resourceMissing('invoice', id);
  return invoice;
}

/**
 * `POST /v1/invoices/:id/<action>` (Stripe's API reference): finalize (`auto_advance`), pay (`payment_method`,
 * `off_session`; `paid_out_of_band`, `source`, `mandate` and `forgive` not emulated), void, mark_uncollectible;
 * each answers the invoice (see billing/invoiceActions.ts for the status rules and events).
 */
const ACTIONS: Endpoint[] = [
  {
    method: 'POST',
    path: '/v1/invoices/:id/finalize',
    params: ['auto_advance'],
    handle(call) {
      const invoice = findInvoice(call);
      finalizeInvoice(call.services, invoice, optionalBoolean(call.params, 'auto_advance'), call.request);
      return invoice;
    },
  },
  {
    method: 'POST',
    path: '/v1/invoices/:id/pay',
    params: ['payment_method', 'off_session', 'paid_out_of_band', 'source', 'mandate', 'forgive'],
    handle(call) {
      const invoice = findInvoice(call);
      for (const name of ['paid_out_of_band', 'source', 'mandate', 'forgive']) {
        if (call.params[name] !== undefined)
          throw invalidRequest(`The sandbox provider does not emulate \`${name}\` on invoice payments.`, { param: name });
      }
      optionalBoolean(call.params, 'off_session'); // Validated only: the sandbox never asks for authentication off session.
      return payInvoiceNow(call.services, invoice, optionalString(call.params, 'payment_method'), call.request);
    },
  },
  {
    method: 'POST',
    path: '/v1/invoices/:id/void',
    params: [],
    handle(call) {
      const invoice = findInvoice(call);
      voidInvoice(call.services, invoice, call.request);
      return invoice;
    },
  },
  {
    method: 'POST',
    path: '/v1/invoices/:id/mark_uncollectible',
    params: [],
    handle(call) {
      const invoice = findInvoice(call);
      markUncollectible(call.services, invoice, call.request);
      return invoice;
    },
  },
];

/**
 * `POST /v1/invoices`: a draft for `customer` (required), optionally sweeping in pending invoice items
 * (`pending_invoice_items_behavior=include`, `subscription`); `collection_method=charge_automatically` only.
 */
const CREATE: Endpoint = {
  method: 'POST',
  path: '/v1/invoices',
  params: [
    'customer',
    'subscription',
    'pending_invoice_items_behavior',
    'auto_advance',
    'description',
    'metadata',
    'default_payment_method',
    'collection_method',
  ],
  handle({ params, services, request }) {
    const customerId = optionalString(params, 'customer');
    if (!customerId) throw missingParam('customer');
    const customer = services.store.get('customer', customerId);
    if (!customer) throw resourceMissing('customer', customerId, 'customer');
    const subscriptionId = optionalString(params, 'subscription');
    const subscription = subscriptionId ? services.store.get('subscription', subscriptionId) : undefined;
    if (subscriptionId && !subscription) throw resourceMissing('subscription', subscriptionId, 'subscription');
    if (subscription && subscription.customer !== customer.id)
      throw invalidRequest(`Subscription ${subscriptionId} does not belong to customer ${customer.id}.`, { param: 'subscription' });
    if (
      (oneOf(params, 'collection_method', ['charge_automatically', 'send_invoice'] as const) ?? 'charge_automatically') !==
      'charge_automatically'
    ) {
      throw invalidRequest('The sandbox provider supports only collection_method=charge_automatically.', { param: 'collection_method' });
    }
    const behavior = oneOf(params, 'pending_invoice_items_behavior', ['exclude', 'include'] as const) ?? 'exclude';
    const paymentMethod = optionalString(params, 'default_payment_method');
    if (paymentMethod !== undefined && services.store.get('payment_method', paymentMethod)?.customer !== customer.id) {
      throw invalidRequest(
        `The customer does not have a payment method with the ID ${paymentMethod}. The payment method must be attached to the customer.`,
        { param: 'default_payment_method', code: 'resource_missing' },
      );
    }
    return createManualInvoice(
      services,
      {
        customer,
        subscription: subscription ?? null,
        includePending: behavior === 'include',
        autoAdvance: optionalBoolean(params, 'auto_advance') ?? false,
        description: optionalString(params, 'description') ?? null,
        metadata: metadataParam(params) ?? {},
        defaultPaymentMethod: paymentMethod ?? null,
      },
      request,
    );
  },
};

export const invoices: Resource = {
  expandable: {
    // In this API version an invoice's PaymentIntent is reached through its payments (`expand[]=payments`).
    'invoice.payments': (owner, services) => {
      const id = String(owner.id);
      return {
        object: 'list',
        data: services.store.invoicePayments.get(id) ?? [],
        has_more: false,
        url: `/v1/invoice_payments?invoice=${id}`,
      };
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
    CREATE,
    ...ACTIONS,
    { method: 'GET', path: '/v1/invoices/:id', params: [], handle: findInvoice },
    {
      method: 'DELETE',
      path: '/v1/invoices/:id',
      params: [],
      handle: (call) => deleteDraft(call.services, findInvoice(call), call.request),
    },
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
        if (status !== undefined && !STATUSES.includes(status))
          throw invalidRequest(`Invalid status: must be one of ${STATUSES.join(', ')}`, { param: 'status' });
        const items = services.store
          .all('invoice')
          .filter(
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
