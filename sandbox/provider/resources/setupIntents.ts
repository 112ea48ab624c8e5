import type Stripe from 'stripe';
import { invalidRequest, missingParam, resourceMissing } from '../core/errors';
import { LIST_PARAMS, paginate } from '../core/listing';
import {
  metadataParam,
  nullableString,
  oneOf,
  optionalBoolean,
  optionalObject,
  optionalString,
  optionalStringArray,
  type Params,
} from '../core/params';
import type { ApiCall, ProviderServices, Resource } from '../core/services';
import { customerNow } from '../billing/periods';
import { assertConfirmable, confirmSetupIntent } from '../payments/confirmSetupIntent';
import { namedPaymentMethod } from '../payments/savePaymentMethod';
import { newSetupIntent } from '../payments/setupIntentObject';
import { isBefore } from '../versions/knownVersions';

/**
 * SetupIntents (`/v1/setup_intents`): save a card for later without paying. Cards only; a customer's card is attached
 * to it on success. Events: `setup_intent.created`, `.succeeded`, `.setup_failed`, `.canceled` (Stripe has no
 * `setup_intent.updated`: its event list in the SDK's `Event.Type`). Version-dependent behaviour, each from
 * Stripe's changelog:
 * - 2023-08-16: without `payment_method_types`, dynamic payment methods are on (`automatic_payment_methods:
 *   { enabled: true, allow_redirects: 'always' }`) and confirming then needs a `return_url`; before, cards only and
 *   `automatic_payment_methods: null`.
 * - 2026-07-29.dahlia: `allowed_payment_method_types` added, exclusive of `payment_method_types` and
 *   `automatic_payment_methods` ("Adds the allowed payment method types parameter to Payment Intents and Setup
 *   Intents"); before it, it is an unknown parameter.
 * - 2026-09-30.endive: `payment_method_types` is no longer writable: a 400 `payment_method_types_no_longer_supported`
 *   ("Removes the payment method types parameter from Payment Intents and Setup Intents"; the message is the
 *   sandbox's own, Stripe's is not quoted there).
 */
const DYNAMIC_PAYMENT_METHODS_SINCE = '2023-08-16';
const ALLOWED_TYPES_SINCE = '2026-07-29.dahlia';
const PAYMENT_METHOD_TYPES_REMOVED = '2026-09-30.endive';

const CANCELABLE: readonly Stripe.SetupIntent.Status[] = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const CANCELLATION_REASONS = ['abandoned', 'duplicate', 'requested_by_customer'] as const;
const FLOW_DIRECTIONS = ['inbound', 'outbound'] as const;

function findIntent({ services, path }: ApiCall): Stripe.SetupIntent {
  const id = path.id ?? '';
  const intent = services.store.get('setup_intent', id);
  if (!intent) throw resourceMissing('setup_intent', id);
  return intent;
}

/** Cards only: any other payment method type is refused, naming the parameter. */
function cardTypesOnly(types: string[] | undefined, param: string): string[] | undefined {
  if (types && types.some((type) => type !== 'card')) throw invalidRequest('The sandbox provider supports only card payments.', { param });
  return types;
}

/** Which payment methods a new SetupIntent accepts, by the request's API version (see the gates above). */
function paymentMethodChoice(
  call: ApiCall,
): Pick<Parameters<typeof newSetupIntent>[0], 'paymentMethodTypes' | 'allowedPaymentMethodTypes' | 'automaticPaymentMethods'> {
  const { params, apiVersion } = call;
  const types = cardTypesOnly(optionalStringArray(params, 'payment_method_types'), 'payment_method_types');
  if (types && !isBefore(apiVersion, PAYMENT_METHOD_TYPES_REMOVED)) {
    throw invalidRequest(
      `payment_method_types is no longer supported in API version ${apiVersion}: use allowed_payment_method_types or the payment methods enabled in the Dashboard.`,
      {
        param: 'payment_method_types',
        code: 'payment_method_types_no_longer_supported',
      },
    );
  }
  if (params.allowed_payment_method_types !== undefined && isBefore(apiVersion, ALLOWED_TYPES_SINCE)) {
    throw invalidRequest('Received unknown parameter: allowed_payment_method_types', {
      param: 'allowed_payment_method_types',
      code: 'parameter_unknown',
    });
  }
  const allowed = cardTypesOnly(optionalStringArray(params, 'allowed_payment_method_types'), 'allowed_payment_method_types');
  const automaticParam = optionalObject(params, 'automatic_payment_methods');
  const given = [
    types && 'payment_method_types',
    allowed && 'allowed_payment_method_types',
    automaticParam && 'automatic_payment_methods',
  ].filter(Boolean);
  // Stripe's wording for exclusive parameters; the code is the SDK's `parameters_exclusive` (unsure Stripe sends it here).
  if (given.length > 1)
    throw invalidRequest(`You may only specify one of these parameters: ${given.join(', ')}.`, { code: 'parameters_exclusive' });
  if (automaticParam) {
    // stripe/stripe-node#1881: `automatic_payment_methods` without `enabled` is "Missing required param: automatic_payment_methods[enabled]."
    const enabled = optionalBoolean(automaticParam, 'enabled');
    if (enabled === undefined) throw missingParam('automatic_payment_methods[enabled]');
    const allowRedirects = oneOf(automaticParam, 'allow_redirects', ['always', 'never'] as const) ?? 'always';
    return {
      paymentMethodTypes: ['card'],
      allowedPaymentMethodTypes: null,
      automaticPaymentMethods: { allow_redirects: allowRedirects, enabled },
    };
  }
  if (types) return { paymentMethodTypes: types, allowedPaymentMethodTypes: null, automaticPaymentMethods: null };
  if (allowed) return { paymentMethodTypes: allowed, allowedPaymentMethodTypes: allowed, automaticPaymentMethods: null };
  const dynamic = !isBefore(apiVersion, DYNAMIC_PAYMENT_METHODS_SINCE);
  return {
    paymentMethodTypes: ['card'],
    allowedPaymentMethodTypes: null,
    automaticPaymentMethods: dynamic ? { allow_redirects: 'always', enabled: true } : null,
  };
}

/**
 * The request's `payment_method` on the intent: a test id becomes a new stored card (as at Stripe, where
 * `pm_card_visa` yields a fresh `pm_…`), a stored one is used as is. One of another customer is refused ("Payment
 * methods attached to other Customers cannot be used with this SetupIntent", SDK docs; the wording is the attach one).
 */
function setPaymentMethod(services: ProviderServices, intent: Stripe.SetupIntent, params: Params): void {
  const id = optionalString(params, 'payment_method');
  if (id === undefined) return;
  const named = namedPaymentMethod(services, id, 'payment_method');
  const customer = typeof intent.customer === 'string' ? intent.customer : (intent.customer?.id ?? null);
  if (named.existing?.customer && named.existing.customer !== customer) {
    throw invalidRequest('The payment method you provided has already been attached to a customer.', {
      param: 'payment_method',
      code: 'payment_method_unexpected_state',
    });
  }
  intent.payment_method = named.store(customerNow(services, customer)).id;
  intent.last_setup_error = null;
  if (intent.status === 'requires_payment_method') intent.status = 'requires_confirmation';
}

function customerParam(services: ProviderServices, params: Params): string | undefined {
  const customer = optionalString(params, 'customer');
  if (customer !== undefined && !services.store.get('customer', customer)) throw resourceMissing('customer', customer, 'customer');
  return customer;
}

function flowDirections(params: Params): Stripe.SetupIntent.FlowDirection[] | undefined {
  const directions = optionalStringArray(params, 'flow_directions');
  if (directions?.some((d) => !(FLOW_DIRECTIONS as readonly string[]).includes(d))) {
    throw invalidRequest(`Invalid flow_directions: must be one of ${FLOW_DIRECTIONS.join(', ')}`, { param: 'flow_directions' });
  }
  return directions;
}

/** Changing what a SetupIntent saves needs it unfinished (the PaymentIntent rule, whose wording this mirrors). */
function assertChangeable(intent: Stripe.SetupIntent, field: string): void {
  if (CANCELABLE.includes(intent.status)) return;
  throw invalidRequest(
    `This SetupIntent's ${field} could not be updated because it has a status of ${intent.status}. You may only update the ${field} of a SetupIntent with one of the following statuses: ${CANCELABLE.join(', ')}.`,
    { code: 'setup_intent_unexpected_state', param: field },
  );
}

export const setupIntents: Resource = {
  endpoints: [
    {
      method: 'POST',
      path: '/v1/setup_intents',
      params: [
        'customer',
        'description',
        'metadata',
        'usage',
        'payment_method',
        'confirm',
        'return_url',
        'use_stripe_sdk',
        'flow_directions',
        'payment_method_types',
        'allowed_payment_method_types',
        'automatic_payment_methods',
      ],
      handle(call) {
        const { params, services, request } = call;
        const customer = customerParam(services, params) ?? null;
        const choice = paymentMethodChoice(call);
        const shouldConfirm = optionalBoolean(params, 'confirm') ?? false;
        if (shouldConfirm && params.payment_method === undefined) throw missingParam('payment_method');
        const returnUrl = optionalString(params, 'return_url');
        // A create that cannot be confirmed creates nothing.
        if (shouldConfirm)
          assertConfirmable({ status: 'requires_confirmation', automatic_payment_methods: choice.automaticPaymentMethods }, returnUrl);
        optionalBoolean(params, 'use_stripe_sdk');
        const intent = newSetupIntent({
          ...choice,
          created: customerNow(services, customer),
          customer,
          description: optionalString(params, 'description') ?? null,
          metadata: metadataParam(params) ?? {},
          // "If not provided, this value defaults to off_session" (SDK docs of `usage`).
          usage: oneOf(params, 'usage', ['off_session', 'on_session'] as const) ?? 'off_session',
          flowDirections: flowDirections(params) ?? null,
          livemode: services.store.livemode,
        });
        setPaymentMethod(services, intent, params);
        services.store.add('setup_intent', intent);
        services.events.emit('setup_intent.created', intent, { request });
        return shouldConfirm ? confirmSetupIntent(services, intent, { request, returnUrl }) : intent;
      },
    },
    { method: 'GET', path: '/v1/setup_intents/:id', params: ['client_secret'], handle: findIntent },
    {
      method: 'POST',
      path: '/v1/setup_intents/:id',
      params: [
        'customer',
        'description',
        'metadata',
        'payment_method',
        'flow_directions',
        'payment_method_types',
        'allowed_payment_method_types',
      ],
      handle(call) {
        const { params, services } = call;
        const intent = findIntent(call);
        const customer = customerParam(services, params);
        if (customer !== undefined) {
          assertChangeable(intent, 'customer');
          intent.customer = customer;
        }
        if (params.payment_method_types !== undefined || params.allowed_payment_method_types !== undefined) {
          assertChangeable(intent, 'payment_method_types');
          const choice = paymentMethodChoice(call);
          intent.payment_method_types = choice.paymentMethodTypes;
          intent.allowed_payment_method_types = choice.allowedPaymentMethodTypes as Stripe.SetupIntent.AllowedPaymentMethodType[] | null;
          intent.automatic_payment_methods = choice.automaticPaymentMethods;
        }
        if (params.payment_method !== undefined) {
          assertChangeable(intent, 'payment_method');
          setPaymentMethod(services, intent, params);
        }
        const description = nullableString(params, 'description');
        if (description !== undefined) intent.description = description;
        const directions = flowDirections(params);
        if (directions !== undefined) intent.flow_directions = directions;
        const metadata = metadataParam(params, intent.metadata ?? {});
        if (metadata !== undefined) intent.metadata = metadata;
        return intent;
      },
    },
    {
      method: 'POST',
      path: '/v1/setup_intents/:id/confirm',
      params: ['payment_method', 'return_url', 'use_stripe_sdk', 'payment_method_data'],
      handle(call) {
        const { params, services, request } = call;
        const intent = findIntent(call);
        if (params.payment_method_data !== undefined) {
          throw invalidRequest(
            'The sandbox provider does not emulate payment_method_data on SetupIntents: pass a payment_method (pm_card_visa, …).',
            { param: 'payment_method_data' },
          );
        }
        optionalBoolean(params, 'use_stripe_sdk');
        const returnUrl = optionalString(params, 'return_url');
        assertConfirmable(intent, returnUrl);
        setPaymentMethod(services, intent, params);
        return confirmSetupIntent(services, intent, { request, returnUrl });
      },
    },
    {
      method: 'POST',
      path: '/v1/setup_intents/:id/cancel',
      params: ['cancellation_reason'],
      handle(call) {
        const intent = findIntent(call);
        // "You can cancel a SetupIntent object when it's in one of these statuses: requires_payment_method,
        // requires_confirmation, or requires_action" (API reference); the refusal's wording mirrors the PaymentIntent one.
        if (!CANCELABLE.includes(intent.status)) {
          throw invalidRequest(
            `You cannot cancel this SetupIntent because it has a status of ${intent.status}. Only a SetupIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
            { code: 'setup_intent_unexpected_state' },
          );
        }
        intent.cancellation_reason = oneOf(call.params, 'cancellation_reason', CANCELLATION_REASONS) ?? null;
        intent.status = 'canceled';
        intent.next_action = null;
        call.services.events.emit('setup_intent.canceled', intent, { request: call.request });
        return intent;
      },
    },
    {
      method: 'GET',
      path: '/v1/setup_intents',
      params: [...LIST_PARAMS, 'customer', 'payment_method'],
      handle({ params, services }) {
        const customer = optionalString(params, 'customer');
        const paymentMethod = optionalString(params, 'payment_method');
        const items = services.store
          .all('setup_intent')
          .filter(
            (si) =>
              (customer === undefined || si.customer === customer) && (paymentMethod === undefined || si.payment_method === paymentMethod),
          );
        return paginate(items, params, '/v1/setup_intents', 'setup_intent');
      },
    },
  ],
};
