import type Stripe from 'stripe';
import { ApiError, docUrl, invalidRequest, missingParam, resourceMissing } from '../core/errors';
import { LIST_PARAMS, paginate } from '../core/listing';
import { metadataParam, optionalString, requiredString } from '../core/params';
import type { ApiCall, Resource } from '../core/services';
import { storeCardPaymentMethod } from '../billing/paymentMethodObject';
import { customerNow } from '../billing/periods';
import { cardForPaymentMethod } from '../payments/testCards';

function findPaymentMethod({ services, path }: ApiCall): Stripe.PaymentMethod {
  const id = path.id ?? '';
  const paymentMethod = services.store.get('payment_method', id);
  if (!paymentMethod) throw resourceMissing('payment_method', id);
  return paymentMethod;
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
        const id = path.id ?? '';
        // A test id (`pm_card_visa`, `pm_card_chargeCustomerFail`) attaches as a new PaymentMethod, as at Stripe.
        const testCard = cardForPaymentMethod(id, services.store.livemode);
        if (testCard?.outcome.kind === 'declined' && services.store.livemode) {
          // Live mode: a test PaymentMethod is a known test card, declined before anything is attached.
          throw new ApiError(402, { type: 'card_error', code: 'card_declined', doc_url: docUrl('card_declined'), message: testCard.outcome.message, param: '' });
        }
        const paymentMethod = testCard ? storeCardPaymentMethod(services, testCard, null, customerNow(services, customerId)) : services.store.get('payment_method', id);
        if (!paymentMethod) throw resourceMissing('payment_method', id);
        if (paymentMethod.customer && paymentMethod.customer !== customerId) {
          throw invalidRequest('The payment method you provided has already been attached to a customer.', { code: 'payment_method_unexpected_state' });
        }
        if (paymentMethod.customer === customerId) return paymentMethod;
        paymentMethod.customer = customerId;
        services.events.emit('payment_method.attached', paymentMethod, { request });
        return paymentMethod;
      },
    },
    {
      method: 'POST',
      path: '/v1/payment_methods/:id/detach',
      params: [],
      handle(call) {
        const paymentMethod = findPaymentMethod(call);
        if (!paymentMethod.customer) {
          throw invalidRequest('The payment method you provided is not attached to a customer so detachment is impossible.', { code: 'payment_method_unexpected_state' });
        }
        paymentMethod.customer = null;
        call.services.events.emit('payment_method.detached', paymentMethod, { request: call.request });
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
        const items = services.store.all('payment_method').filter((pm) => pm.customer === customer && (type === undefined || pm.type === type));
        return paginate(items, params, '/v1/payment_methods', 'payment_method');
      },
    },
  ],
};
