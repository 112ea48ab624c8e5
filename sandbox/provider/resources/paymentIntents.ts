import type Stripe from 'stripe';
import { ProviderApiError, invalidRequest, missingParam, resourceMissing } from '../core/errors';
import { newId } from '../core/ids';
import { LIST_PARAMS, paginate } from '../core/listing';
import {
  metadataParam,
  nullableString,
  oneOf,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringArray,
  requiredCurrency,
  requiredInteger,
  type Params,
} from '../core/params';
import type { ApiCall, Resource } from '../core/services';
import { storeCardPaymentMethod } from '../billing/paymentMethodObject';
import { cardFromPaymentMethodData } from '../elements/paymentMethodData';
import { requireThreeDSecure } from '../elements/threeDSecureChallenge';
import { newPaymentIntent } from '../payments/paymentIntentObject';
import { automaticPaymentMethodsAtCreation, checkReturnUrl } from '../payments/automaticPaymentMethods';
import { payWithCard } from '../payments/payWithCard';
import { capturePaymentIntent, releaseAuthorization } from '../payments/manualCapture';
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

/** What confirm pays with: a test PaymentMethod id (`pm_card_visa`) or a card from the Payment Element. */
type ConfirmWith = { kind: 'test_payment_method'; id: string | undefined } | { kind: 'payment_method_data'; data: Params };

function confirmWith(params: Params): ConfirmWith {
  const data = optionalObject(params, 'payment_method_data');
  if (data && params.payment_method !== undefined) {
    throw invalidRequest('You cannot pass both payment_method and payment_method_data.', { param: 'payment_method_data' });
  }
  return data ? { kind: 'payment_method_data', data } : { kind: 'test_payment_method', id: paymentMethodParam(params) };
}

/**
 * Confirms with one of Stripe's test PaymentMethods or with `payment_method_data` (a new card PaymentMethod, as
 * Stripe.js sends it); a decline is thrown as the 402 Stripe returns. A 3-D Secure card leaves the intent in
 * `requires_action` for Stripe.js to show the challenge. Every payment goes through `payWithCard`.
 */
function confirm(
  call: Pick<ApiCall, 'services' | 'request' | 'publishableKey'>,
  intent: Stripe.PaymentIntent,
  using: ConfirmWith,
  receiptEmail?: string,
): Stripe.PaymentIntent {
  const { services, request } = call;
  if (intent.status === 'succeeded' || intent.status === 'requires_capture') {
    throw invalidRequest(
      `This PaymentIntent's payment_method could not be updated because it has a status of ${intent.status}. You may only update the payment_method of a PaymentIntent with one of the following statuses: requires_payment_method, requires_confirmation, requires_action.`,
      { code: 'payment_intent_unexpected_state' },
    );
  }
  if (intent.status === 'canceled') {
    throw invalidRequest('This PaymentIntent has a status of canceled and cannot be confirmed.', {
      code: 'payment_intent_unexpected_state',
    });
  }
  if (receiptEmail) intent.receipt_email = receiptEmail;
  if (using.kind === 'payment_method_data') {
    const { card, billing } = cardFromPaymentMethodData(using.data, intent, {
      publishableKey: call.publishableKey ?? false,
      livemode: services.store.livemode,
    });
    const paymentMethod = storeCardPaymentMethod(services, card, billing);
    if (card.threeDSecure && card.outcome.kind === 'approved') {
      requireThreeDSecure(services, intent, paymentMethod.id, request);
      return intent;
    }
    const result = payWithCard(services, intent, card, billing, request, paymentMethod.id);
    if (!result.ok) throw result.error;
    return intent;
  }
  const method = using.id ?? services.store.attachedTestMethods.get(intent.id);
  if (!method) {
    throw invalidRequest(
      "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent with a test card, pass payment_method=pm_card_visa.",
      { code: 'payment_intent_unexpected_state', param: 'payment_method' },
    );
  }
  const card = cardForPaymentMethod(method, services.store.livemode);
  if (!card) throw resourceMissing('payment_method', method, 'payment_method');
  const result = payWithCard(services, intent, card, { name: null, email: null, country: null, postalCode: null }, request);
  if (!result.ok) throw result.error;
  return intent;
}

/** What a browser sees of a PaymentIntent through the publishable key (Stripe documents this subset). */
const CLIENT_FIELDS = [
  'id',
  'object',
  'amount',
  'amount_details',
  'automatic_payment_methods',
  'canceled_at',
  'cancellation_reason',
  'capture_method',
  'client_secret',
  'confirmation_method',
  'created',
  'currency',
  'description',
  'last_payment_error',
  'livemode',
  'next_action',
  'payment_method',
  'payment_method_types',
  'processing',
  'receipt_email',
  'setup_future_usage',
  'shipping',
  'status',
] as const;

/** The intent as the caller may see it: whole with the secret key, the client subset with the publishable key. */
function asSeenBy(call: Pick<ApiCall, 'publishableKey'>, intent: Stripe.PaymentIntent): Partial<Stripe.PaymentIntent> {
  if (!call.publishableKey) return intent;
  return Object.fromEntries(CLIENT_FIELDS.map((field) => [field, intent[field]]));
}

export const paymentIntents: Resource = {
  endpoints: [
    {
      method: 'POST',
      path: '/v1/payment_intents',
      params: [
        'amount',
        'currency',
        'customer',
        'description',
        'metadata',
        'payment_method',
        'payment_method_types',
        'allowed_payment_method_types',
        'confirm',
        'receipt_email',
        'automatic_payment_methods',
        'return_url',
        'capture_method',
        'statement_descriptor_suffix',
      ],
      handle({ params, services, request, apiVersion }) {
        const amount = requiredInteger(params, 'amount');
        const currency = requiredCurrency(params);
        if (amount < 50) throw invalidRequest('Amount must be at least $0.50 usd', { param: 'amount', code: 'amount_too_small' });
        const customer = optionalString(params, 'customer');
        if (customer && !services.store.get('customer', customer)) throw resourceMissing('customer', customer, 'customer');
        // `manual` authorizes at confirmation and waits for a capture (payments/manualCapture.ts); `automatic_async`
        // is answered as `automatic` (the sandbox captures at once, with the balance transaction already set).
        const captureMethod = oneOf(params, 'capture_method', ['automatic', 'automatic_async', 'manual'] as const);
        const paymentMethod = paymentMethodParam(params);
        const shouldConfirm = optionalBoolean(params, 'confirm') ?? false;
        if (shouldConfirm && !paymentMethod) throw missingParam('payment_method');
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
        if (captureMethod) intent.capture_method = captureMethod;
        if (allowedTypes) intent.allowed_payment_method_types = allowedTypes as Stripe.PaymentIntent.AllowedPaymentMethodType[];
        // Since 2023-08-16, no payment method types → automatic payment methods; confirming then needs a return_url.
        intent.automatic_payment_methods = automaticPaymentMethodsAtCreation(params, apiVersion);
        if (shouldConfirm) checkReturnUrl(intent, params, false);
        if (paymentMethod && !shouldConfirm) {
          intent.status = 'requires_confirmation';
          intent.payment_method = newId('pm');
          services.store.attachedTestMethods.set(intent.id, paymentMethod);
        }
        services.store.add('payment_intent', intent);
        services.events.emit('payment_intent.created', intent, { request });
        return shouldConfirm ? confirm({ services, request }, intent, { kind: 'test_payment_method', id: paymentMethod }) : intent;
      },
    },
    {
      method: 'GET',
      path: '/v1/payment_intents/:id',
      params: ['client_secret'],
      publishableKeyWithClientSecret: 'payment_intent',
      handle: (call) => asSeenBy(call, findIntent(call)),
    },
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
      params: [
        'payment_method',
        'payment_method_data',
        'return_url',
        'receipt_email',
        'client_secret',
        'use_stripe_sdk',
        'expected_payment_method_type',
      ],
      publishableKeyWithClientSecret: 'payment_intent',
      handle(call) {
        const intent = findIntent(call);
        const using = confirmWith(call.params);
        // Card data sent with the secret key is refused first (confirm → cardFromPaymentMethodData).
        if (using.kind === 'test_payment_method') checkReturnUrl(intent, call.params, call.publishableKey ?? false);
        optionalString(call.params, 'return_url');
        optionalBoolean(call.params, 'use_stripe_sdk');
        const receiptEmail = optionalString(call.params, 'receipt_email');
        try {
          return asSeenBy(call, confirm(call, intent, using, receiptEmail));
        } catch (error) {
          // A decline carries the intent: through the publishable key, only what a browser may see of it.
          if (error instanceof ProviderApiError && error.body.payment_intent)
            error.body.payment_intent = asSeenBy(call, error.body.payment_intent) as Stripe.PaymentIntent;
          throw error;
        }
      },
    },
    {
      // Manual capture: the whole authorization or `amount_to_capture` of it (payments/manualCapture.ts).
      method: 'POST',
      path: '/v1/payment_intents/:id/capture',
      params: ['amount_to_capture'],
      handle(call) {
        return capturePaymentIntent(call.services, findIntent(call), optionalInteger(call.params, 'amount_to_capture'), call.request);
      },
    },
    {
      method: 'POST',
      path: '/v1/payment_intents/:id/cancel',
      params: ['cancellation_reason'],
      handle(call) {
        const intent = findIntent(call);
        if (intent.status === 'succeeded' || intent.status === 'canceled') {
          throw invalidRequest(
            `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
            { code: 'payment_intent_unexpected_state' },
          );
        }
        // An uncaptured payment's authorization is released (its charge refunded) before the intent is canceled.
        if (intent.status === 'requires_capture') releaseAuthorization(call.services, intent, call.request);
        intent.status = 'canceled';
        intent.canceled_at = Math.floor(Date.now() / 1000);
        intent.cancellation_reason =
          oneOf(call.params, 'cancellation_reason', ['abandoned', 'duplicate', 'fraudulent', 'requested_by_customer'] as const) ?? null;
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
