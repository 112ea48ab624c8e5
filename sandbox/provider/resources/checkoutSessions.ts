import type Stripe from 'stripe';
import { invalidRequest, missingParam, resourceMissing } from '../core/errors';
import { newId, unixNow } from '../core/ids';
import { LIST_PARAMS, paginate } from '../core/listing';
import {
  metadataParam,
  oneOf,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalObjectArray,
  optionalString,
  optionalStringArray,
  requiredCurrency,
  type Params,
} from '../core/params';
import type { ApiCall, ProviderServices, Resource } from '../core/services';
import type { RequestRef } from '../events/eventLog';
import { expireCheckoutSession, expireIfDue } from '../payments/expireCheckoutSession';
import {
  checkoutDiscountParams,
  discountLineItems,
  recordPaymentSessionDiscounts,
  sessionDiscountsField,
} from '../billing/checkoutDiscounts';
import { newPriceObject } from './priceObject';
import { createProductFromData, validateProductData } from './productData';
import { isBefore } from '../versions/knownVersions';

const DAY = 24 * 60 * 60;

function findSession({ services, path }: ApiCall): Stripe.Checkout.Session {
  const id = path.id ?? '';
  const session = services.store.get('checkout.session', id);
  if (!session) throw resourceMissing('checkout.session', id);
  expireIfDue(services, session);
  return session;
}

function urlParam(params: Params, name: string): string | null {
  const value = optionalString(params, name);
  if (value === undefined) return null;
  try {
    new URL(value.replace('{CHECKOUT_SESSION_ID}', 'cs'));
  } catch {
    throw invalidRequest('Not a valid URL', { param: name, code: 'url_invalid' });
  }
  return value;
}

interface PlannedItem {
  price?: Stripe.Price;
  priceData?: { currency: string; unitAmount: number; product?: string; productData?: Params };
  quantity: number;
}

/** Validates `line_items` fully before anything is written (nothing may change when validation fails). */
function planLineItems(params: Params, services: ProviderServices, mode: 'payment' | 'subscription'): PlannedItem[] {
  const raw = optionalObjectArray(params, 'line_items');
  if (!raw || raw.length === 0) throw missingParam('line_items');
  if (raw.length > 100) throw invalidRequest('You may only specify up to 100 line items.', { param: 'line_items' });
  return raw.map((item, i) => {
    const at = `line_items[${i}]`;
    const quantity = optionalInteger(item, 'quantity', `${at}[quantity]`);
    if (quantity === undefined) throw missingParam(`${at}[quantity]`);
    if (quantity < 1 || quantity > 999_999) throw invalidRequest('Quantity must be between 1 and 999999.', { param: `${at}[quantity]` });
    const priceId = optionalString(item, 'price');
    const priceData = optionalObject(item, 'price_data');
    if (!priceId && !priceData) throw missingParam(`${at}[price]`);
    if (priceId) {
      const price = services.store.get('price', priceId);
      if (!price) throw resourceMissing('price', priceId, `${at}[price]`);
      if (!price.active)
        throw invalidRequest('The price specified is inactive. This field only accepts active prices.', { param: `${at}[price]` });
      if (price.type === 'recurring' && mode === 'payment') {
        throw invalidRequest(
          'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.',
          { param: `${at}[price]` },
        );
      }
      if (price.unit_amount === null) throw invalidRequest('The price specified has no unit_amount.', { param: `${at}[price]` });
      return { price, quantity };
    }
    if (mode === 'subscription')
      throw invalidRequest('The sandbox provider supports only `price` (a recurring price id) in `subscription` mode.', {
        param: `${at}[price_data]`,
      });
    const data = priceData ?? {};
    const currency = requiredCurrency(data, 'currency', `${at}[price_data][currency]`);
    const unitAmount = optionalInteger(data, 'unit_amount', `${at}[price_data][unit_amount]`);
    if (unitAmount === undefined) throw missingParam(`${at}[price_data][unit_amount]`);
    if (unitAmount < 0) throw invalidRequest('Invalid non-negative integer', { param: `${at}[price_data][unit_amount]` });
    const product = optionalString(data, 'product');
    const productData = optionalObject(data, 'product_data');
    if (!product && !productData) throw missingParam(`${at}[price_data][product]`);
    if (product && !services.store.get('product', product)) throw resourceMissing('product', product, `${at}[price_data][product]`);
    if (productData) validateProductData(productData, `${at}[price_data][product_data]`);
    return { priceData: { currency, unitAmount, product, productData }, quantity };
  });
}

/** An inline price for `price_data`, as Stripe creates one (not listed by `GET /v1/prices`). */
function inlinePrice(services: ProviderServices, data: NonNullable<PlannedItem['priceData']>, request: RequestRef): Stripe.Price {
  const product = data.product ?? createProductFromData(services, data.productData ?? {}, request).id;
  const price = newPriceObject({
    product,
    currency: data.currency,
    unitAmount: data.unitAmount,
    active: false,
    livemode: services.store.livemode,
  });
  services.store.add('price', price);
  services.store.inlinePrices.add(price.id);
  return price;
}

function lineItemFor(services: ProviderServices, price: Stripe.Price, quantity: number): Stripe.LineItem {
  const amount = (price.unit_amount ?? 0) * quantity;
  const productId = typeof price.product === 'string' ? price.product : price.product.id;
  const product = services.store.get('product', productId);
  return {
    id: newId('li'),
    object: 'item',
    adjustable_quantity: null,
    amount_discount: 0,
    amount_subtotal: amount,
    amount_tax: 0,
    amount_total: amount,
    currency: price.currency,
    description: product?.name ?? null,
    metadata: {},
    price,
    quantity,
  };
}

export const checkoutSessions: Resource = {
  expandable: {
    'checkout.session.line_items': (owner, services) => {
      const id = String(owner.id);
      const data = services.store.lineItems.get(id) ?? [];
      return { object: 'list', data, has_more: false, url: `/v1/checkout/sessions/${id}/line_items` };
    },
  },
  endpoints: [
    {
      method: 'POST',
      path: '/v1/checkout/sessions',
      params: [
        'mode',
        'line_items',
        'success_url',
        'cancel_url',
        'customer',
        'customer_email',
        'client_reference_id',
        'metadata',
        'payment_method_types',
        'expires_at',
        'locale',
        'payment_intent_data',
        'submit_type',
        'billing_address_collection',
        'customer_creation',
        'ui_mode',
        'currency',
        'subscription_data',
        'allow_promotion_codes',
        'discounts',
      ],
      handle({ params, services, request, apiVersion }) {
        const mode = oneOf(params, 'mode', ['payment', 'setup', 'subscription'] as const);
        if (!mode) throw missingParam('mode');
        if (mode === 'setup')
          throw invalidRequest('The sandbox provider supports only `payment` and `subscription` modes.', { param: 'mode' });
        // 2026-03-25.dahlia renamed the values (versions/gates/checkoutGates.ts): a request takes its own version's names.
        const beforeDahlia = isBefore(apiVersion, '2026-03-25.dahlia');
        const hosted = beforeDahlia ? 'hosted' : 'hosted_page';
        const uiMode = oneOf(
          params,
          'ui_mode',
          beforeDahlia ? (['hosted', 'embedded', 'custom'] as const) : (['hosted_page', 'embedded_page', 'elements'] as const),
        );
        if (uiMode && uiMode !== hosted)
          throw invalidRequest(`The sandbox provider supports only \`${hosted}\` ui_mode.`, { param: 'ui_mode' });
        const planned = planLineItems(params, services, mode);
        if (mode === 'subscription' && !planned.some((p) => p.price?.type === 'recurring')) {
          throw invalidRequest('You must provide at least one recurring price in `subscription` mode when using prices.', {
            param: 'line_items',
          });
        }
        const subscriptionData = optionalObject(params, 'subscription_data');
        if (subscriptionData) {
          if (mode !== 'subscription')
            throw invalidRequest('You can only specify `subscription_data` in `subscription` mode.', { param: 'subscription_data' });
          for (const key of Object.keys(subscriptionData)) {
            if (!['metadata', 'description'].includes(key))
              throw invalidRequest(`Received unknown parameter: subscription_data[${key}]`, {
                param: `subscription_data[${key}]`,
                code: 'parameter_unknown',
              });
          }
          metadataParam(subscriptionData);
        }
        const successUrl = urlParam(params, 'success_url');
        const cancelUrl = urlParam(params, 'cancel_url');
        const customer = optionalString(params, 'customer');
        const customerEmail = optionalString(params, 'customer_email');
        if (customer && customerEmail)
          throw invalidRequest('You may only specify one of these parameters: customer, customer_email.', { param: 'customer_email' });
        if (customer && !services.store.get('customer', customer)) throw resourceMissing('customer', customer, 'customer');
        const clientReferenceId = optionalString(params, 'client_reference_id');
        if (clientReferenceId !== undefined && clientReferenceId.length > 200) {
          throw invalidRequest('client_reference_id must be at most 200 characters.', { param: 'client_reference_id' });
        }
        const metadata = metadataParam(params) ?? {};
        const now = unixNow();
        const expiresAt = optionalInteger(params, 'expires_at') ?? now + DAY;
        if (expiresAt > now + DAY)
          throw invalidRequest('The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.', {
            param: 'expires_at',
          });
        if (expiresAt < now + 30 * 60)
          throw invalidRequest('The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.', {
            param: 'expires_at',
          });
        const intentData = optionalObject(params, 'payment_intent_data');
        if (intentData && mode !== 'payment')
          throw invalidRequest('You can not pass `payment_intent_data` in `subscription` mode.', { param: 'payment_intent_data' });
        if (intentData) {
          for (const key of Object.keys(intentData)) {
            if (!['metadata', 'description', 'receipt_email'].includes(key))
              throw invalidRequest(`Received unknown parameter: payment_intent_data[${key}]`, {
                param: `payment_intent_data[${key}]`,
                code: 'parameter_unknown',
              });
          }
          metadataParam(intentData);
        }
        const paymentMethodTypes = optionalStringArray(params, 'payment_method_types') ?? ['card'];
        const currencies = new Set(planned.map((p) => p.price?.currency ?? p.priceData?.currency));
        if (currencies.size > 1) throw invalidRequest('All line items must use the same currency.', { param: 'line_items' });
        const locale = optionalString(params, 'locale') as Stripe.Checkout.Session.Locale | undefined;
        const submitType = oneOf(params, 'submit_type', ['auto', 'book', 'donate', 'pay', 'subscribe'] as const);
        const billingCollection = oneOf(params, 'billing_address_collection', ['auto', 'required'] as const);
        const customerCreation = oneOf(params, 'customer_creation', ['always', 'if_required'] as const);
        if (customerCreation && mode !== 'payment')
          throw invalidRequest('`customer_creation` can only be used in `payment` mode.', { param: 'customer_creation' });
        const allowPromotionCodes = optionalBoolean(params, 'allow_promotion_codes');
        const currency = [...currencies][0] ?? 'usd';
        const subtotal = planned.reduce((sum, p) => sum + (p.price?.unit_amount ?? p.priceData?.unitAmount ?? 0) * p.quantity, 0);
        const discountSources = checkoutDiscountParams(services, params, {
          customer: customer ?? null,
          currency,
          subtotal,
          now: unixNow(),
        });

        // Validation done: from here on, state changes.
        const items = planned.map((p) => lineItemFor(services, p.price ?? inlinePrice(services, p.priceData!, request), p.quantity));
        // Subscription mode: the discount is the first invoice's (Stripe then puts it on the subscription; billing/startSubscription.ts).
        const amountDiscount = discountLineItems(items, discountSources);
        const total = items.reduce((sum, item) => sum + item.amount_total, 0);
        const id = newId(services.store.livemode ? 'cs_live' : 'cs_test');
        const session: Stripe.Checkout.Session = {
          id,
          object: 'checkout.session',
          adaptive_pricing: { enabled: false },
          after_expiration: null,
          allow_promotion_codes: allowPromotionCodes ?? null,
          allowed_payment_method_types: null,
          amount_subtotal: total + amountDiscount,
          amount_total: total,
          automatic_tax: { enabled: false, liability: null, provider: null, status: null },
          billing_address_collection: billingCollection ?? null,
          cancel_url: cancelUrl,
          client_reference_id: clientReferenceId ?? null,
          client_secret: null,
          collected_information: null,
          consent: null,
          consent_collection: null,
          created: now,
          currency: items[0]?.currency ?? null,
          currency_conversion: null,
          custom_fields: [],
          custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
          customer: customer ?? null,
          customer_account: null,
          customer_creation: customer || mode !== 'payment' ? null : (customerCreation ?? 'if_required'),
          customer_details: customerEmail
            ? {
                address: null,
                business_name: null,
                email: customerEmail,
                individual_name: null,
                name: null,
                phone: null,
                tax_exempt: 'none',
                tax_ids: null,
              }
            : null,
          customer_email: customerEmail ?? null,
          discounts: sessionDiscountsField(discountSources),
          expires_at: expiresAt,
          integration_identifier: null,
          invoice: null,
          invoice_creation: {
            enabled: false,
            invoice_data: {
              account_tax_ids: null,
              custom_fields: null,
              description: null,
              footer: null,
              issuer: null,
              metadata: {},
              rendering_options: null,
            },
          },
          livemode: services.store.livemode,
          locale: locale ?? null,
          managed_payments: null,
          metadata,
          mode,
          origin_context: null,
          payment_intent: null,
          payment_link: null,
          payment_method_collection: 'if_required',
          payment_method_configuration_details: null,
          payment_method_options: { card: { request_three_d_secure: 'automatic' } },
          payment_method_types: paymentMethodTypes,
          payment_status: 'unpaid',
          permissions: null,
          phone_number_collection: { enabled: false },
          recovered_from: null,
          saved_payment_method_options: null,
          setup_intent: null,
          shipping_address_collection: null,
          shipping_cost: null,
          shipping_options: [],
          status: 'open',
          submit_type: submitType ?? null,
          subscription: null,
          success_url: successUrl,
          total_details: { amount_discount: amountDiscount, amount_shipping: 0, amount_tax: 0 },
          // 2026-03-25.dahlia renamed `hosted` to `hosted_page` (older versions: versions/gates/checkoutGates.ts).
          ui_mode: 'hosted_page',
          url: `${services.baseUrl()}/c/pay/${id}`,
          wallet_options: null,
        };
        services.store.add('checkout.session', session);
        services.store.lineItems.set(id, items);
        if (intentData) services.store.sessionIntentData.set(id, intentData);
        if (subscriptionData) services.store.sessionSubscriptionData.set(id, subscriptionData);
        if (mode === 'payment') recordPaymentSessionDiscounts(services, session, discountSources);
        return session;
      },
    },
    { method: 'GET', path: '/v1/checkout/sessions/:id', params: [], handle: findSession },
    {
      method: 'GET',
      path: '/v1/checkout/sessions/:id/line_items',
      params: ['limit', 'starting_after', 'ending_before'],
      handle(call) {
        const session = findSession(call);
        const items = (call.services.store.lineItems.get(session.id) ?? []).map((item) => ({ ...item, created: session.created }));
        const page = paginate(items, call.params, `/v1/checkout/sessions/${session.id}/line_items`, 'line item');
        return { ...page, data: page.data.map(({ created: _created, ...item }) => item) };
      },
    },
    {
      method: 'POST',
      path: '/v1/checkout/sessions/:id/expire',
      params: [],
      handle(call) {
        const session = findSession(call);
        if (session.status !== 'open') {
          throw invalidRequest(
            `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`,
            { code: 'checkout_session_not_open' },
          );
        }
        expireCheckoutSession(call.services, session, call.request);
        return session;
      },
    },
    {
      method: 'GET',
      path: '/v1/checkout/sessions',
      params: [...LIST_PARAMS, 'payment_intent', 'customer', 'status', 'customer_details', 'payment_link', 'subscription'],
      handle({ params, services }) {
        const paymentIntent = optionalString(params, 'payment_intent');
        const customer = optionalString(params, 'customer');
        const status = optionalString(params, 'status');
        const subscription = optionalString(params, 'subscription');
        const email = optionalObject(params, 'customer_details')?.email;
        const items = services.store.all('checkout.session').filter((s) => {
          expireIfDue(services, s);
          return (
            (paymentIntent === undefined || s.payment_intent === paymentIntent) &&
            (customer === undefined || s.customer === customer) &&
            (status === undefined || s.status === status) &&
            (subscription === undefined || s.subscription === subscription) &&
            (email === undefined || s.customer_details?.email === email)
          );
        });
        return paginate(items, params, '/v1/checkout/sessions', 'checkout.session');
      },
    },
  ],
};
