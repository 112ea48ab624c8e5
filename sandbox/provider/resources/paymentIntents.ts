import type Stripe from 'stripe';
import { invalidRequest, missingParam, resourceMissing } from '../core/errors';
import { newId } from '../core/ids';
import { LIST_PARAMS, paginate } from '../core/listing';
import {
  metadataParam,
  nullableString,
  oneOf,
  optionalBoolean,
  optionalObject,
  optionalString,
  optionalStringArray,
  requiredCurrency,
  requiredInteger,
  type Params,
} from '../core/params';
import type { ApiCall, ProviderServices, Resource } from '../core/services';
import type { RequestRef } from '../events/eventLog';
import { newPaymentIntent } from '../payments/paymentIntentObject';
import { payWithCard } from '../payments/payWithCard';
import { cardForPaymentMethod, isTestPaymentMethod } from '../payments/testCards';

function findIntent({ services, path }: ApiCall): Stripe.PaymentIntent {
  const id = path.id ?? '';
  const intent = services.store.get('payment_intent', id);
  if (!intent) throw resourceMissing('payment_intent', id);
  return intent;
}

function paymentMethodParam(params: Params): string | undefined {
  const paymentMethod = optionalString(params, 'payment_method');
  if (paymentMethod !== undefined && !isTestPaymentMethod(paymentMethod)) {
    throw resourceMissing('payment_method', paymentMethod, 'payment_method');
  }
  return paymentMethod;
}

/** Confirms with one of Stripe's test PaymentMethods; a decline is thrown as the 402 Stripe returns. */
function confirm(services: ProviderServices, intent: Stripe.PaymentIntent, paymentMethod: string | undefined, request: RequestRef): Stripe.PaymentIntent {
  if (intent.status === 'succeeded') {
    throw invalidRequest('This PaymentIntent\'s payment_method could not be updated because it has a status of succeeded. You may only update the payment_method of a PaymentIntent with one of the following statuses: requires_payment_method, requires_confirmation, requires_action.', { code: 'payment_intent_unexpected_state' });
  }
  if (intent.status === 'canceled') {
    throw invalidRequest('This PaymentIntent has a status of canceled and cannot be confirmed.', { code: 'payment_intent_unexpected_state' });
  }
  const method = paymentMethod ?? services.store.attachedTestMethods.get(intent.id);
  if (!method) {
    throw invalidRequest('You cannot confirm this PaymentIntent because it\'s missing a payment method. To confirm the PaymentIntent with a test card, pass payment_method=pm_card_visa.', { code: 'payment_intent_unexpected_state', param: 'payment_method' });
  }
  const card = cardForPaymentMethod(method, services.store.livemode);
  if (!card) throw resourceMissing('payment_method', method, 'payment_method');
  const result = payWithCard(services, intent, card, { name: null, email: null, country: null, postalCode: null }, request);
  if (!result.ok) throw result.error;
  return intent;
}

export const paymentIntents: Resource = {
  endpoints: [
    {
      method: 'POST',
      path: '/v1/payment_intents',
      params: ['amount', 'currency', 'customer', 'description', 'metadata', 'payment_method', 'payment_method_types', 'allowed_payment_method_types', 'confirm', 'receipt_email', 'automatic_payment_methods', 'return_url', 'capture_method', 'statement_descriptor_suffix'],
      handle({ params, services, request }) {
        const amount = requiredInteger(params, 'amount');
        const currency = requiredCurrency(params);
        if (amount < 50) throw invalidRequest('Amount must be at least $0.50 usd', { param: 'amount', code: 'amount_too_small' });
        const customer = optionalString(params, 'customer');
        if (customer && !services.store.get('customer', customer)) throw resourceMissing('customer', customer, 'customer');
        if (oneOf(params, 'capture_method', ['automatic', 'automatic_async', 'manual'] as const) === 'manual') {
          throw invalidRequest('The sandbox provider supports only automatic capture.', { param: 'capture_method' });
        }
        const paymentMethod = paymentMethodParam(params);
        const shouldConfirm = optionalBoolean(params, 'confirm') ?? false;
        if (shouldConfirm && !paymentMethod) throw missingParam('payment_method');
        const automatic = optionalObject(params, 'automatic_payment_methods');
        const allowedTypes = optionalStringArray(params, 'allowed_payment_method_types');
        if (allowedTypes && allowedTypes.some((type) => type !== 'card')) {
          throw invalidRequest('The sandbox provider supports only card payments.', { param: 'allowed_payment_method_types' });
        }
        const intent = newPaymentIntent({
          amount,
          currency,
          customer: customer ?? null,
          description: optionalString(params, 'description') ?? null,
          metadata: metadataParam(params) ?? {},
          receiptEmail: optionalString(params, 'receipt_email') ?? null,
          paymentMethodTypes: allowedTypes ?? optionalStringArray(params, 'payment_method_types') ?? ['card'],
          livemode: services.store.livemode,
        });
        if (allowedTypes) intent.allowed_payment_method_types = allowedTypes as Stripe.PaymentIntent.AllowedPaymentMethodType[];
        if (automatic) intent.automatic_payment_methods = { allow_redirects: 'always', enabled: optionalBoolean(automatic, 'enabled') ?? false };
        if (paymentMethod && !shouldConfirm) {
          intent.status = 'requires_confirmation';
          intent.payment_method = newId('pm');
          services.store.attachedTestMethods.set(intent.id, paymentMethod);
        }
        services.store.add('payment_intent', intent);
        services.events.emit('payment_intent.created', intent, { request });
        return shouldConfirm ? confirm(services, intent, paymentMethod, request) : intent;
      },
    },
    { method: 'GET', path: '/v1/payment_intents/:id', params: ['client_secret'], handle: findIntent },
    {
      method: 'POST',
      path: '/v1/payment_intents/:id',
      params: ['description', 'metadata', 'receipt_email'],
      handle(call) {
        const intent = findIntent(call);
        const description = nullableString(call.params, 'description');
        if (description !== undefined) intent.description = description;
        const receiptEmail = nullableString(call.params, 'receipt_email');
        if (receiptEmail !== undefined) intent.receipt_email = receiptEmail;
        const metadata = metadataParam(call.params, intent.metadata);
        if (metadata !== undefined) intent.metadata = metadata;
        // Stripe has no `payment_intent.updated` event: an update writes none.
        return intent;
      },
    },
    {
      method: 'POST',
      path: '/v1/payment_intents/:id/confirm',
      params: ['payment_method', 'return_url', 'receipt_email'],
      handle(call) {
        const intent = findIntent(call);
        return confirm(call.services, intent, paymentMethodParam(call.params), call.request);
      },
    },
    {
      method: 'POST',
      path: '/v1/payment_intents/:id/cancel',
      params: ['cancellation_reason'],
      handle(call) {
        const intent = findIntent(call);
        if (intent.status === 'succeeded' || intent.status === 'canceled') {
          throw invalidRequest(`You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`, { code: 'payment_intent_unexpected_state' });
        }
        intent.status = 'canceled';
        intent.canceled_at = Math.floor(Date.now() / 1000);
        intent.cancellation_reason = oneOf(call.params, 'cancellation_reason', ['abandoned', 'duplicate', 'fraudulent', 'requested_by_customer'] as const) ?? null;
        call.services.events.emit('payment_intent.canceled', intent, { request: call.request });
        return intent;
      },
    },
    {
      method: 'GET',
      path: '/v1/payment_intents',
      params: [...LIST_PARAMS, 'customer'],
      handle({ params, services }) {
        const customer = optionalString(params, 'customer');
        const items = services.store.all('payment_intent').filter((pi) => customer === undefined || pi.customer === customer);
        return paginate(items, params, '/v1/payment_intents', 'payment_intent');
      },
    },
  ],
};
