import type Stripe from 'stripe';
import { CARDS, payOnHostedPage } from '../../sandbox/provider/support/fixtures';
import { idOf, refused, saved, versionBefore, type TourContext } from './tourContext';

/**
 * One call (or a few) of the tour, through the official SDK. `resource` groups the answers into one test per resource
 * ("every payment intent response in 2023-08-16 matches…"); stops run in this order and may use ids earlier stops saved.
 * To cover a new call the sandbox serves, add a line here (the route coverage test names any route no stop visits).
 */
export interface TourStop {
  resource: string;
  call: string;
  run(t: TourContext): Promise<unknown>;
}

const SUCCESS_URL = 'https://shop.example.test/success?session_id={CHECKOUT_SESSION_ID}';
const CANCEL_URL = 'https://shop.example.test/cancel';
const RETURN_URL = 'https://shop.example.test/return';
const HOOK_URL = 'http://127.0.0.1:9/fidelity-hooks';

function unique(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}

/** An SDK parameter some pinned version takes that today's SDK types no longer declare. */
function asParams<T>(params: Record<string, unknown>): T {
  return params as T;
}

/**
 * Card payments only: `payment_method_types: ['card']` in the pinned versions; stripe-node 23 (2026-09-30.endive)
 * replaced that parameter with `allowed_payment_method_types` (its CHANGELOG, 23.0.0).
 */
function cardsOnly(t: TourContext): { allowed_payment_method_types: ['card'] } {
  return versionBefore(t.version, '2026-09-30.endive')
    ? asParams({ payment_method_types: ['card'] })
    : { allowed_payment_method_types: ['card'] };
}

/** A paid intent's charge: `latest_charge`, or before 2022-11-15 its `charges` list (docs.stripe.com/changelog/2022-11-15). */
function chargeOf(intent: Stripe.PaymentIntent & { charges?: { data: { id: string }[] } }): string | null {
  return idOf(intent.latest_charge) ?? intent.charges?.data[0]?.id ?? null;
}

/** The PaymentIntent of an invoice's first payment: `invoice.payment_intent` before 2025-03-31.basil, else its invoice payment. */
async function intentOfInvoice(t: TourContext, invoiceId: string): Promise<string> {
  const invoice = (await t.stripe.invoices.retrieve(invoiceId)) as Stripe.Invoice & { payment_intent?: string | { id: string } | null };
  const direct = idOf(invoice.payment_intent ?? null);
  if (direct) return direct;
  const payments = await t.stripe.invoicePayments.list({ invoice: invoiceId });
  const intent = idOf(payments.data[0]?.payment.payment_intent ?? null);
  if (!intent) throw new Error(`invoice ${invoiceId} has no PaymentIntent (neither invoice.payment_intent nor an invoice payment)`);
  return intent;
}

export const TOUR: TourStop[] = [
  // Catalog
  {
    resource: 'product',
    call: 'create',
    run: async (t) =>
      (t.ids.product = (
        await t.stripe.products.create({ name: unique('Fidelity tee'), description: 'Fidelity', metadata: { sku: 'tee' } })
      ).id),
  },
  { resource: 'product', call: 'retrieve', run: (t) => t.stripe.products.retrieve(saved(t, 'product')) },
  { resource: 'product', call: 'update', run: (t) => t.stripe.products.update(saved(t, 'product'), { description: 'Fidelity, updated' }) },
  { resource: 'product', call: 'list', run: (t) => t.stripe.products.list({ limit: 3 }) },
  {
    resource: 'product',
    call: 'create with default_price_data, expand[]=default_price',
    run: (t) =>
      t.stripe.products.create({
        name: unique('Fidelity mug'),
        default_price_data: { currency: 'usd', unit_amount: 900 },
        expand: ['default_price'],
      }),
  },
  {
    resource: 'product',
    call: 'delete',
    run: async (t) => t.stripe.products.del((await t.stripe.products.create({ name: unique('Fidelity doomed') })).id),
  },
  {
    resource: 'price',
    call: 'create one-time',
    run: async (t) =>
      (t.ids.price = (
        await t.stripe.prices.create({
          product: saved(t, 'product'),
          unit_amount: 2000,
          currency: 'usd',
          lookup_key: unique('fid'),
          nickname: 'Standard',
        })
      ).id),
  },
  {
    resource: 'price',
    call: 'create recurring',
    run: async (t) =>
      (t.ids.recurringPrice = (
        await t.stripe.prices.create({ product: saved(t, 'product'), unit_amount: 1500, currency: 'usd', recurring: { interval: 'month' } })
      ).id),
  },
  {
    resource: 'price',
    call: 'create a second recurring price (for a plan change)',
    run: async (t) =>
      (t.ids.upgradePrice = (
        await t.stripe.prices.create({ product: saved(t, 'product'), unit_amount: 2500, currency: 'usd', recurring: { interval: 'month' } })
      ).id),
  },
  { resource: 'price', call: 'retrieve', run: (t) => t.stripe.prices.retrieve(saved(t, 'price')) },
  { resource: 'price', call: 'update', run: (t) => t.stripe.prices.update(saved(t, 'price'), { metadata: { tier: 'standard' } }) },
  { resource: 'price', call: 'list by product', run: (t) => t.stripe.prices.list({ product: saved(t, 'product'), limit: 5 }) },
  {
    resource: 'price',
    call: 'create with product_data',
    run: (t) => t.stripe.prices.create({ product_data: { name: unique('Fidelity inline') }, unit_amount: 500, currency: 'usd' }),
  },

  // Customers
  {
    resource: 'customer',
    call: 'create',
    run: async (t) => {
      const address = { line1: '1 Main St', city: 'Springfield', postal_code: '94103', country: 'US', state: 'CA' };
      t.ids.email = `${unique('fidelity')}@example.test`;
      t.ids.customer = (
        await t.stripe.customers.create({
          email: t.ids.email,
          name: 'Fidelity Buyer',
          address,
          shipping: { name: 'Fidelity Buyer', address },
          metadata: { crm: '42' },
        })
      ).id;
    },
  },
  { resource: 'customer', call: 'retrieve', run: (t) => t.stripe.customers.retrieve(saved(t, 'customer')) },
  { resource: 'customer', call: 'update', run: (t) => t.stripe.customers.update(saved(t, 'customer'), { phone: '+15555550100' }) },
  { resource: 'customer', call: 'list by email', run: (t) => t.stripe.customers.list({ email: saved(t, 'email') }) },
  {
    resource: 'customer',
    call: 'delete, then retrieve the deleted customer',
    run: async (t) => {
      const customer = await t.stripe.customers.create({ email: `${unique('gone')}@example.test` });
      await t.stripe.customers.del(customer.id);
      return t.stripe.customers.retrieve(customer.id);
    },
  },

  // Payment intents, charges, refunds, balance transactions
  {
    resource: 'payment intent',
    call: 'create with confirm=true (pm_card_visa)',
    run: async (t) => {
      const intent = await t.stripe.paymentIntents.create({
        amount: 2000,
        currency: 'usd',
        customer: saved(t, 'customer'),
        ...cardsOnly(t),
        payment_method: 'pm_card_visa',
        confirm: true,
        description: 'Fidelity order',
        metadata: { order_id: 'ord_fid' },
      });
      t.ids.paidIntent = intent.id;
      t.ids.charge = chargeOf(intent) ?? '';
    },
  },
  {
    resource: 'payment intent',
    call: 'create without payment_method_types',
    run: async (t) =>
      (t.ids.openIntent = (await t.stripe.paymentIntents.create({ amount: 1200, currency: 'usd', customer: saved(t, 'customer') })).id),
  },
  {
    resource: 'payment intent',
    call: 'update',
    run: (t) => t.stripe.paymentIntents.update(saved(t, 'openIntent'), { description: 'Fidelity, updated' }),
  },
  {
    resource: 'payment intent',
    call: 'confirm',
    run: (t) => t.stripe.paymentIntents.confirm(saved(t, 'openIntent'), { payment_method: 'pm_card_visa', return_url: RETURN_URL }),
  },
  {
    resource: 'payment intent',
    call: 'cancel',
    run: async (t) =>
      t.stripe.paymentIntents.cancel((await t.stripe.paymentIntents.create({ amount: 700, currency: 'usd', ...cardsOnly(t) })).id),
  },
  {
    resource: 'payment intent',
    call: 'create with capture_method=manual, then capture part',
    run: async (t) => {
      const intent = await t.stripe.paymentIntents.create({
        amount: 3000,
        currency: 'usd',
        ...cardsOnly(t),
        payment_method: 'pm_card_visa',
        capture_method: 'manual',
        confirm: true,
      });
      return t.stripe.paymentIntents.capture(intent.id, { amount_to_capture: 2500 });
    },
  },
  {
    resource: 'payment intent',
    call: 'retrieve with expand[]=latest_charge (before 2022-11-15: customer)',
    run: (t) =>
      t.stripe.paymentIntents.retrieve(saved(t, 'paidIntent'), {
        expand: [versionBefore(t.version, '2022-11-15') ? 'customer' : 'latest_charge'],
      }),
  },
  { resource: 'payment intent', call: 'list by customer', run: (t) => t.stripe.paymentIntents.list({ customer: saved(t, 'customer') }) },
  { resource: 'charge', call: 'retrieve', run: (t) => t.stripe.charges.retrieve(saved(t, 'charge')) },
  {
    resource: 'charge',
    call: 'retrieve with expand[]=balance_transaction and refunds',
    run: (t) => t.stripe.charges.retrieve(saved(t, 'charge'), { expand: ['balance_transaction', 'refunds'] }),
  },
  { resource: 'charge', call: 'list by payment_intent', run: (t) => t.stripe.charges.list({ payment_intent: saved(t, 'paidIntent') }) },
  {
    resource: 'refund',
    call: 'create (partial)',
    run: async (t) =>
      (t.ids.refund = (
        await t.stripe.refunds.create({ payment_intent: saved(t, 'paidIntent'), amount: 500, reason: 'requested_by_customer' })
      ).id),
  },
  { resource: 'refund', call: 'retrieve', run: (t) => t.stripe.refunds.retrieve(saved(t, 'refund')) },
  { resource: 'refund', call: 'update', run: (t) => t.stripe.refunds.update(saved(t, 'refund'), { metadata: { ticket: 'T-1' } }) },
  { resource: 'refund', call: 'list by charge', run: (t) => t.stripe.refunds.list({ charge: saved(t, 'charge') }) },
  {
    resource: 'balance transaction',
    call: "retrieve the charge's",
    run: async (t) => {
      const charge = await t.stripe.charges.retrieve(saved(t, 'charge'));
      t.ids.balanceTransaction = idOf(charge.balance_transaction) ?? '';
      return t.stripe.balanceTransactions.retrieve(saved(t, 'balanceTransaction'));
    },
  },
  {
    resource: 'balance transaction',
    call: 'list by source',
    run: (t) => t.stripe.balanceTransactions.list({ source: saved(t, 'charge') } as Stripe.BalanceTransactionListParams),
  },

  // Checkout (payment mode, paid through the hosted page's form as a browser posts it)
  {
    resource: 'checkout session',
    call: 'create (payment mode)',
    run: async (t) =>
      (t.ids.session = (
        await t.stripe.checkout.sessions.create({
          mode: 'payment',
          line_items: [{ price: saved(t, 'price'), quantity: 1 }],
          customer_email: `${unique('checkout')}@example.test`,
          client_reference_id: 'clk_fid',
          metadata: { order_id: 'ord_cs' },
          success_url: SUCCESS_URL,
          cancel_url: CANCEL_URL,
        })
      ).id),
  },
  { resource: 'checkout session', call: 'list line items', run: (t) => t.stripe.checkout.sessions.listLineItems(saved(t, 'session')) },
  {
    resource: 'checkout session',
    call: 'pay on the hosted page, then retrieve with expand[]=line_items',
    run: async (t) => {
      const session = await t.stripe.checkout.sessions.retrieve(saved(t, 'session'));
      const paid = await payOnHostedPage(session, CARDS.visa);
      if (paid.status !== 303) throw new Error(`the hosted page answered ${paid.status}: ${paid.body.slice(0, 200)}`);
      const after = await t.stripe.checkout.sessions.retrieve(session.id, { expand: ['line_items'] });
      t.ids.sessionIntent = idOf(after.payment_intent) ?? '';
    },
  },
  {
    resource: 'checkout session',
    call: 'list by payment_intent',
    run: (t) => t.stripe.checkout.sessions.list({ payment_intent: saved(t, 'sessionIntent') }),
  },
  {
    resource: 'checkout session',
    call: 'expire',
    run: async (t) => {
      const session = await t.stripe.checkout.sessions.create({
        mode: 'payment',
        line_items: [{ price: saved(t, 'price'), quantity: 2 }],
        success_url: SUCCESS_URL,
        cancel_url: CANCEL_URL,
      });
      return t.stripe.checkout.sessions.expire(session.id);
    },
  },

  // Checkout (subscription mode) and what paying it makes
  {
    resource: 'checkout session',
    call: 'create (subscription mode), pay on the hosted page, retrieve',
    run: async (t) => {
      const session = await t.stripe.checkout.sessions.create({
        mode: 'subscription',
        customer: saved(t, 'customer'),
        line_items: [{ price: saved(t, 'recurringPrice'), quantity: 1 }],
        subscription_data: { metadata: { plan: 'club' } },
        success_url: SUCCESS_URL,
        cancel_url: CANCEL_URL,
      });
      const paid = await payOnHostedPage(session, CARDS.visa);
      if (paid.status !== 303) throw new Error(`the hosted page answered ${paid.status}: ${paid.body.slice(0, 200)}`);
      const after = await t.stripe.checkout.sessions.retrieve(session.id);
      t.ids.subscription = idOf(after.subscription) ?? '';
      t.ids.invoice = idOf(after.invoice) ?? '';
    },
  },
  { resource: 'subscription', call: 'retrieve', run: (t) => t.stripe.subscriptions.retrieve(saved(t, 'subscription')) },
  {
    resource: 'subscription',
    call: 'update metadata',
    run: (t) => t.stripe.subscriptions.update(saved(t, 'subscription'), { metadata: { seats: '1' } }),
  },
  { resource: 'subscription', call: 'list by customer', run: (t) => t.stripe.subscriptions.list({ customer: saved(t, 'customer') }) },
  {
    resource: 'subscription',
    call: 'create through the API (default_incomplete) and pay its first invoice',
    run: async (t) => {
      const subscription = await t.stripe.subscriptions.create({
        customer: saved(t, 'customer'),
        items: [{ price: saved(t, 'recurringPrice') }],
        payment_behavior: 'default_incomplete',
        payment_settings: { save_default_payment_method: 'on_subscription' },
        expand: ['latest_invoice'],
      });
      t.ids.apiSubscription = subscription.id;
      const intent = await intentOfInvoice(t, idOf(subscription.latest_invoice) ?? '');
      await t.stripe.paymentIntents.confirm(intent, { payment_method: 'pm_card_visa', return_url: RETURN_URL });
    },
  },
  {
    resource: 'subscription',
    call: 'change the price with prorations',
    run: async (t) => {
      const subscription = await t.stripe.subscriptions.retrieve(saved(t, 'apiSubscription'));
      const item = subscription.items.data[0];
      if (!item) throw new Error(`subscription ${subscription.id} has no item`);
      return t.stripe.subscriptions.update(subscription.id, {
        items: [{ id: item.id, price: saved(t, 'upgradePrice') }],
        proration_behavior: 'create_prorations',
      });
    },
  },
  {
    resource: 'subscription',
    call: 'update cancel_at_period_end',
    run: (t) => t.stripe.subscriptions.update(saved(t, 'apiSubscription'), { cancel_at_period_end: true }),
  },
  { resource: 'subscription', call: 'cancel', run: (t) => t.stripe.subscriptions.cancel(saved(t, 'apiSubscription')) },
  { resource: 'invoice', call: 'retrieve', run: (t) => t.stripe.invoices.retrieve(saved(t, 'invoice')) },
  { resource: 'invoice', call: 'list lines', run: (t) => t.stripe.invoices.listLineItems(saved(t, 'invoice')) },
  { resource: 'invoice', call: 'list by customer', run: (t) => t.stripe.invoices.list({ customer: saved(t, 'customer') }) },
  {
    resource: 'invoice',
    call: 'create a draft, delete it',
    run: async (t) => t.stripe.invoices.del((await t.stripe.invoices.create({ customer: saved(t, 'customer') })).id),
  },
  {
    resource: 'invoice',
    call: 'create a draft, finalize it',
    run: async (t) =>
      t.stripe.invoices.finalizeInvoice(
        (await t.stripe.invoices.create({ customer: saved(t, 'customer'), description: 'Fidelity one-off' })).id,
      ),
  },
  {
    resource: 'invoice',
    call: "pay a subscription's open first invoice with a payment method",
    run: async (t) => {
      const card = idOf((await t.stripe.subscriptions.retrieve(saved(t, 'subscription'))).default_payment_method);
      const subscription = await t.stripe.subscriptions.create({
        customer: saved(t, 'customer'),
        items: [{ price: saved(t, 'recurringPrice') }],
        payment_behavior: 'default_incomplete',
      });
      return t.stripe.invoices.pay(idOf(subscription.latest_invoice) ?? '', { payment_method: card ?? '' });
    },
  },
  {
    resource: 'invoice',
    call: 'mark an open invoice uncollectible, then void it',
    run: async (t) => {
      const subscription = await t.stripe.subscriptions.create({
        customer: saved(t, 'customer'),
        items: [{ price: saved(t, 'recurringPrice') }],
        payment_behavior: 'default_incomplete',
      });
      const invoice = idOf(subscription.latest_invoice) ?? '';
      await t.stripe.invoices.markUncollectible(invoice);
      return t.stripe.invoices.voidInvoice(invoice);
    },
  },
  {
    resource: 'invoice payment',
    call: 'list by invoice, retrieve',
    run: async (t) => {
      const payments = await t.stripe.invoicePayments.list({ invoice: saved(t, 'invoice') });
      const first = payments.data[0];
      if (!first) throw new Error(`no invoice payment for ${saved(t, 'invoice')}`);
      return t.stripe.invoicePayments.retrieve(first.id);
    },
  },

  // Payment methods
  {
    resource: 'payment method',
    call: "retrieve the subscription's default",
    run: async (t) => {
      const subscription = await t.stripe.subscriptions.retrieve(saved(t, 'subscription'));
      t.ids.subscriptionPaymentMethod = idOf(subscription.default_payment_method) ?? '';
      return t.stripe.paymentMethods.retrieve(saved(t, 'subscriptionPaymentMethod'));
    },
  },
  {
    resource: 'payment method',
    call: 'update metadata',
    run: (t) => t.stripe.paymentMethods.update(saved(t, 'subscriptionPaymentMethod'), { metadata: { label: 'main' } }),
  },
  {
    resource: 'payment method',
    call: 'attach pm_card_visa',
    run: async (t) =>
      (t.ids.attachedPaymentMethod = (await t.stripe.paymentMethods.attach('pm_card_visa', { customer: saved(t, 'customer') })).id),
  },
  {
    resource: 'payment method',
    call: 'list by customer',
    run: (t) => t.stripe.paymentMethods.list({ customer: saved(t, 'customer'), type: 'card' }),
  },
  { resource: 'payment method', call: "list the customer's", run: (t) => t.stripe.customers.listPaymentMethods(saved(t, 'customer')) },
  {
    resource: 'payment method',
    call: "retrieve the customer's",
    run: (t) => t.stripe.customers.retrievePaymentMethod(saved(t, 'customer'), saved(t, 'attachedPaymentMethod')),
  },
  { resource: 'payment method', call: 'detach', run: (t) => t.stripe.paymentMethods.detach(saved(t, 'attachedPaymentMethod')) },

  // Setup intents
  {
    resource: 'setup intent',
    call: 'create',
    run: async (t) =>
      (t.ids.setupIntent = (
        await t.stripe.setupIntents.create({ customer: saved(t, 'customer'), ...cardsOnly(t), metadata: { purpose: 'fidelity' } })
      ).id),
  },
  { resource: 'setup intent', call: 'retrieve', run: (t) => t.stripe.setupIntents.retrieve(saved(t, 'setupIntent')) },
  {
    resource: 'setup intent',
    call: 'update',
    run: (t) => t.stripe.setupIntents.update(saved(t, 'setupIntent'), { description: 'Fidelity card on file' }),
  },
  {
    resource: 'setup intent',
    call: 'confirm (pm_card_visa)',
    run: (t) => t.stripe.setupIntents.confirm(saved(t, 'setupIntent'), { payment_method: 'pm_card_visa', return_url: RETURN_URL }),
  },
  { resource: 'setup intent', call: 'list by customer', run: (t) => t.stripe.setupIntents.list({ customer: saved(t, 'customer') }) },
  {
    resource: 'setup intent',
    call: 'cancel',
    run: async (t) => t.stripe.setupIntents.cancel((await t.stripe.setupIntents.create({ ...cardsOnly(t) })).id),
  },

  // Test clocks
  {
    resource: 'test clock',
    call: 'create',
    run: async (t) =>
      (t.ids.clock = (await t.stripe.testHelpers.testClocks.create({ frozen_time: Math.floor(Date.now() / 1000), name: 'fidelity' })).id),
  },
  { resource: 'test clock', call: 'retrieve', run: (t) => t.stripe.testHelpers.testClocks.retrieve(saved(t, 'clock')) },
  { resource: 'test clock', call: 'list', run: (t) => t.stripe.testHelpers.testClocks.list({ limit: 3 }) },
  {
    resource: 'test clock',
    call: 'advance a day and read it until ready',
    run: async (t) => {
      const clock = await t.stripe.testHelpers.testClocks.retrieve(saved(t, 'clock'));
      await t.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: clock.frozen_time + 86_400 });
      // The advance finishes on the sandbox's own timer (~25 ms): each read is answered and checked like any other.
      for (let reads = 0; reads < 500; reads++) {
        const read = await t.stripe.testHelpers.testClocks.retrieve(clock.id);
        if (read.status !== 'ready') continue;
        t.ids.clockTime = String(read.frozen_time);
        return;
      }
      throw new Error(`test clock ${clock.id} never became ready`);
    },
  },
  {
    resource: 'error',
    call: 'a test clock advanced backwards (400)',
    run: (t) =>
      refused(t.stripe.testHelpers.testClocks.advance(saved(t, 'clock'), { frozen_time: Number(saved(t, 'clockTime')) - 60 }), 400),
  },
  { resource: 'test clock', call: 'delete', run: (t) => t.stripe.testHelpers.testClocks.del(saved(t, 'clock')) },

  // Coupons and promotion codes
  {
    resource: 'coupon',
    call: 'create',
    run: async (t) => (t.ids.coupon = (await t.stripe.coupons.create({ percent_off: 10, duration: 'once', name: 'Fidelity 10' })).id),
  },
  { resource: 'coupon', call: 'retrieve', run: (t) => t.stripe.coupons.retrieve(saved(t, 'coupon')) },
  { resource: 'coupon', call: 'update', run: (t) => t.stripe.coupons.update(saved(t, 'coupon'), { metadata: { campaign: 'fid' } }) },
  { resource: 'coupon', call: 'list', run: (t) => t.stripe.coupons.list({ limit: 3 }) },
  {
    resource: 'coupon',
    call: 'delete',
    run: async (t) => t.stripe.coupons.del((await t.stripe.coupons.create({ amount_off: 300, currency: 'usd', duration: 'once' })).id),
  },
  {
    resource: 'promotion code',
    call: 'create',
    run: async (t) => {
      // stripe-node 19 (2025-09-30.clover) replaced `coupon` with `promotion: { type: 'coupon', coupon }` (its CHANGELOG).
      const params = versionBefore(t.version, '2025-09-30.clover')
        ? asParams<Stripe.PromotionCodeCreateParams>({ coupon: saved(t, 'coupon'), code: unique('FID').toUpperCase() })
        : { promotion: { type: 'coupon' as const, coupon: saved(t, 'coupon') }, code: unique('FID').toUpperCase() };
      t.ids.promotionCode = (await t.stripe.promotionCodes.create(params)).id;
    },
  },
  { resource: 'promotion code', call: 'retrieve', run: (t) => t.stripe.promotionCodes.retrieve(saved(t, 'promotionCode')) },
  {
    resource: 'promotion code',
    call: 'update',
    run: (t) => t.stripe.promotionCodes.update(saved(t, 'promotionCode'), { metadata: { channel: 'email' } }),
  },
  { resource: 'promotion code', call: 'list', run: (t) => t.stripe.promotionCodes.list({ coupon: saved(t, 'coupon') }) },
  {
    resource: 'checkout session',
    call: 'create with discounts, and with allow_promotion_codes',
    run: async (t) => {
      await t.stripe.checkout.sessions.create({
        mode: 'payment',
        line_items: [{ price: saved(t, 'price'), quantity: 1 }],
        discounts: [{ coupon: saved(t, 'coupon') }],
        success_url: SUCCESS_URL,
        cancel_url: CANCEL_URL,
      });
      await t.stripe.checkout.sessions.create({
        mode: 'payment',
        line_items: [{ price: saved(t, 'price'), quantity: 1 }],
        allow_promotion_codes: true,
        success_url: SUCCESS_URL,
        cancel_url: CANCEL_URL,
      });
    },
  },

  // Search
  { resource: 'search', call: 'customers', run: (t) => t.stripe.customers.search({ query: `email:'${saved(t, 'email')}'` }) },
  { resource: 'search', call: 'payment intents', run: (t) => t.stripe.paymentIntents.search({ query: "status:'succeeded'", limit: 3 }) },
  { resource: 'search', call: 'charges', run: (t) => t.stripe.charges.search({ query: "currency:'usd'", limit: 3 }) },
  { resource: 'search', call: 'subscriptions', run: (t) => t.stripe.subscriptions.search({ query: "status:'active'", limit: 3 }) },
  { resource: 'search', call: 'invoices', run: (t) => t.stripe.invoices.search({ query: "status:'paid'", limit: 3 }) },
  { resource: 'search', call: 'prices', run: (t) => t.stripe.prices.search({ query: "currency:'usd'", limit: 3 }) },
  { resource: 'search', call: 'products', run: (t) => t.stripe.products.search({ query: 'active:"true"', limit: 3 }) },

  // Events, webhook endpoints, account, customer portal
  {
    resource: 'event',
    call: 'list by type, retrieve one',
    run: async (t) => {
      const events = await t.stripe.events.list({ type: 'payment_intent.succeeded', limit: 5 });
      const first = events.data[0];
      if (!first) throw new Error('no payment_intent.succeeded event');
      return t.stripe.events.retrieve(first.id);
    },
  },
  { resource: 'event', call: 'list all (every kind of event the tour made)', run: (t) => t.stripe.events.list({ limit: 100 }) },
  {
    resource: 'event',
    call: 'list by types[]',
    run: (t) => t.stripe.events.list({ types: ['customer.subscription.created', 'invoice.paid'], limit: 10 }),
  },
  {
    resource: 'webhook endpoint',
    call: 'create',
    run: async (t) =>
      (t.ids.webhookEndpoint = (
        await t.stripe.webhookEndpoints.create({
          url: HOOK_URL,
          enabled_events: ['charge.refunded'],
          description: 'fidelity',
          api_version: t.version as Stripe.WebhookEndpointCreateParams.ApiVersion,
        })
      ).id),
  },
  { resource: 'webhook endpoint', call: 'retrieve', run: (t) => t.stripe.webhookEndpoints.retrieve(saved(t, 'webhookEndpoint')) },
  {
    resource: 'webhook endpoint',
    call: 'update',
    run: (t) => t.stripe.webhookEndpoints.update(saved(t, 'webhookEndpoint'), { enabled_events: ['charge.refunded', 'charge.succeeded'] }),
  },
  { resource: 'webhook endpoint', call: 'list', run: (t) => t.stripe.webhookEndpoints.list() },
  { resource: 'webhook endpoint', call: 'delete', run: (t) => t.stripe.webhookEndpoints.del(saved(t, 'webhookEndpoint')) },
  { resource: 'account', call: 'retrieve the current account', run: (t) => t.stripe.accounts.retrieveCurrent() },
  {
    resource: 'account',
    call: 'retrieve by id',
    run: async (t) => t.stripe.accounts.retrieve((await t.stripe.accounts.retrieveCurrent()).id),
  },
  {
    resource: 'billing portal configuration',
    call: 'create',
    run: async (t) =>
      (t.ids.portalConfiguration = (
        await t.stripe.billingPortal.configurations.create({
          features: { invoice_history: { enabled: true } },
          business_profile: { headline: 'Fidelity' },
        })
      ).id),
  },
  {
    resource: 'billing portal configuration',
    call: 'retrieve',
    run: (t) => t.stripe.billingPortal.configurations.retrieve(saved(t, 'portalConfiguration')),
  },
  {
    resource: 'billing portal configuration',
    call: 'update',
    run: (t) => t.stripe.billingPortal.configurations.update(saved(t, 'portalConfiguration'), { metadata: { owner: 'fidelity' } }),
  },
  { resource: 'billing portal configuration', call: 'list', run: (t) => t.stripe.billingPortal.configurations.list() },
  {
    resource: 'billing portal session',
    call: 'create',
    run: (t) => t.stripe.billingPortal.sessions.create({ customer: saved(t, 'customer'), return_url: RETURN_URL }),
  },

  // Errors
  {
    resource: 'error',
    call: 'an unknown id (404 resource_missing)',
    run: (t) => refused(t.stripe.customers.retrieve('cus_fidelityMissing'), 404),
  },
  {
    resource: 'error',
    call: 'a missing parameter (400 parameter_missing)',
    run: (t) => refused(t.stripe.paymentIntents.create(asParams<Stripe.PaymentIntentCreateParams>({ currency: 'usd' })), 400),
  },
  {
    resource: 'error',
    call: 'an unknown parameter (400 parameter_unknown)',
    run: (t) => refused(t.stripe.customers.create(asParams<Stripe.CustomerCreateParams>({ fidelity_nonsense: 'x' })), 400),
  },
  {
    resource: 'error',
    call: 'a declined card (402 card_error)',
    run: (t) =>
      refused(
        t.stripe.paymentIntents.create({
          amount: 1000,
          currency: 'usd',
          ...cardsOnly(t),
          payment_method: 'pm_card_chargeDeclined',
          confirm: true,
        }),
        402,
      ),
  },
  {
    resource: 'error',
    call: 'a refund larger than the charge (400 amount_too_large)',
    run: (t) => refused(t.stripe.refunds.create({ charge: saved(t, 'charge'), amount: 999_999 }), 400),
  },
  { resource: 'error', call: 'an unknown secret key (401)', run: (t) => refused(t.strangerStripe.customers.list(), 401) },
  {
    resource: 'error',
    call: 'an idempotency key reused with other parameters (400 idempotency_error)',
    run: async (t) => {
      const key = unique('fid-idem');
      await t.stripe.customers.create({ email: 'once@example.test' }, { idempotencyKey: key });
      await refused(t.stripe.customers.create({ email: 'twice@example.test' }, { idempotencyKey: key }), 400);
    },
  },
  { resource: 'error', call: 'an unrecognized URL (404)', run: (t) => refused(t.stripe.rawRequest('GET', '/v1/fidelity_nowhere'), 404) },
  {
    resource: 'error',
    call: 'a Stripe-Version that is no version (400)',
    run: (t) => refused(t.stripe.customers.list({ limit: 1 }, { apiVersion: '2020-13-45' }), 400),
  },
  {
    resource: 'error',
    call: 'resume a subscription that is not paused (400)',
    run: (t) => refused(t.stripe.subscriptions.resume(saved(t, 'subscription')), 400),
  },
];

/** The resources of the tour, in tour order: one test each. */
export const TOUR_RESOURCES: string[] = [...new Set(TOUR.map((stop) => stop.resource))];
