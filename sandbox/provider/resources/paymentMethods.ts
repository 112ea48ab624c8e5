import type Stripe from 'stripe';
import { invalidRequest, missingParam, resourceMissing } from '../core/errors';
import { snapshot } from '../core/expand';
import { LIST_PARAMS, paginate } from '../core/listing';
import { metadataParam, optionalString, requiredString } from '../core/params';
import type { ApiCall, Resource } from '../core/services';
import { customerNow } from '../billing/periods';
import { cardDeclineError } from '../payments/payWithCard';
import { attachToCustomer, declineOnSave, namedPaymentMethod } from '../payments/savePaymentMethod';
import { customerChanges } from './customers';

function findPaymentMethod({ services, path }: ApiCall): Stripe.PaymentMethod {
  const id = path.id ?? '';
  const paymentMethod = services.store.get('payment_method', id);
  if (!paymentMethod) throw resourceMissing('payment_method', id);
  return paymentMethod;
}

/**
 * A detached card cannot stay the customer's `invoice_settings.default_payment_method` (it can no longer pay): the
 * default is cleared (`customer.updated` with `previous_attributes`). Stripe does not document this step; it is the
 * sandbox's reading of "can no longer be used for payments".
 */
function clearCustomerDefault({ services, request }: ApiCall, customerId: string, paymentMethodId: string): void {
  const customer = services.store.get('customer', customerId);
  if (!customer || customer.invoice_settings.default_payment_method !== paymentMethodId) return;
  const before = snapshot(customer);
  customer.invoice_settings = { ...customer.invoice_settings, default_payment_method: null };
  const previous = customerChanges(before, customer);
  if (previous) services.events.emit('customer.updated', customer, { request, previous });
}

export const paymentMethods: Resource = {
  endpoints: [
    { method: 'GET', path: '/v1/payment_methods/:id', params: [], handle: findPaymentMethod },
    {
      method: 'POST',
      path: '/v1/payment_methods/:id',
      params: ['metadata'],
      handle(call) {
        const paymentMethod = findPaymentMethod(call);
        const metadata = metadataParam(call.params, paymentMethod.metadata ?? {});
        if (metadata !== undefined) paymentMethod.metadata = metadata;
        call.services.events.emit('payment_method.updated', paymentMethod, { request: call.request });
        return paymentMethod;
      },
    },
    {
      method: 'POST',
      path: '/v1/payment_methods/:id/attach',
      params: ['customer'],
      handle({ params, services, path, request }) {
        const customerId = requiredString(params, 'customer');
        if (!services.store.get('customer', customerId)) throw resourceMissing('customer', customerId, 'customer');
        // A test id (`pm_card_visa`, `pm_card_chargeCustomerFail`) attaches as a new PaymentMethod, as at Stripe;
        // the card is checked first (savePaymentMethod.ts): a declining test card is a 402 and nothing is attached.
        const named = namedPaymentMethod(services, path.id ?? '', 'id');
        const decline = declineOnSave(services, named.card);
        if (decline) throw cardDeclineError(decline);
        return attachToCustomer(services, named.store(customerNow(services, customerId)), customerId, request);
      },
    },
    {
      method: 'POST',
      path: '/v1/payment_methods/:id/detach',
      params: [],
      handle(call) {
        const paymentMethod = findPaymentMethod(call);
        if (!paymentMethod.customer) {
          throw invalidRequest('The payment method you provided is not attached to a customer so detachment is impossible.', {
            code: 'payment_method_unexpected_state',
          });
        }
        const customerId = typeof paymentMethod.customer === 'string' ? paymentMethod.customer : paymentMethod.customer.id;
        paymentMethod.customer = null;
        // Detachment is permanent: "once detached, a PaymentMethod can no longer be used for payments or re-attached
        // to a Customer" (Stripe's API reference, Detach a PaymentMethod).
        call.services.store.detachedPaymentMethods.add(paymentMethod.id);
        call.services.events.emit('payment_method.detached', paymentMethod, { request: call.request });
        clearCustomerDefault(call, customerId, paymentMethod.id);
        return paymentMethod;
      },
    },
    {
      method: 'GET',
      path: '/v1/payment_methods',
      params: [...LIST_PARAMS, 'customer', 'type'],
      handle({ params, services }) {
        const customer = optionalString(params, 'customer');
        const type = optionalString(params, 'type');
        if (customer === undefined) throw missingParam('customer');
        const items = services.store
          .all('payment_method')
          .filter((pm) => pm.customer === customer && (type === undefined || pm.type === type));
        return paginate(items, params, '/v1/payment_methods', 'payment_method');
      },
    },
  ],
};
