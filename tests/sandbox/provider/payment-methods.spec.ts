import Stripe from 'stripe';
import { test, expect, idOf, rejectionOf, uniqueEmail } from './support/fixtures';

/** The provider's events of these types that mention `id`, oldest first. */
async function eventsAbout(stripe: Stripe, id: string, types: string[]): Promise<Stripe.Event[]> {
  const events = (await stripe.events.list({ types, limit: 100 })).data.reverse();
  return events.filter((e) => JSON.stringify(e.data.object).includes(id));
}

async function newCustomer(stripe: Stripe, prefix: string): Promise<Stripe.Customer> {
  return stripe.customers.create({ email: uniqueEmail(prefix) });
}

test.describe("payment methods and a customer's default", () => {
  test('attaches a test card as a new pm_ (payment_method.attached) and lists it under the customer, by type', async ({ stripe }) => {
    const customer = await newCustomer(stripe, 'pm-attach');
    const visa = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    expect(visa.id).toMatch(/^pm_/);
    expect(visa).toMatchObject({ object: 'payment_method', customer: customer.id, type: 'card', card: { brand: 'visa', last4: '4242' } });
    const second = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });

    const viaCustomer = await stripe.customers.listPaymentMethods(customer.id, { type: 'card' });
    expect(viaCustomer.data.map((p) => p.id)).toEqual([second.id, visa.id]);
    expect(viaCustomer.url).toBe(`/v1/customers/${customer.id}/payment_methods`);
    expect((await stripe.customers.listPaymentMethods(customer.id, { type: 'sepa_debit' })).data).toEqual([]);
    const viaList = await stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
    expect(viaList.data.map((p) => p.id)).toEqual([second.id, visa.id]);
    expect(await stripe.customers.retrievePaymentMethod(customer.id, visa.id)).toMatchObject({ id: visa.id, customer: customer.id });
    expect((await eventsAbout(stripe, visa.id, ['payment_method.attached'])).map((e) => e.type)).toEqual(['payment_method.attached']);

    const stranger = await newCustomer(stripe, 'pm-stranger');
    expect(await rejectionOf(stripe.customers.retrievePaymentMethod(stranger.id, visa.id))).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
    });
    expect(await rejectionOf(stripe.customers.listPaymentMethods('cus_nope'))).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      param: 'id',
    });
  });

  test("refuses to attach: a declining test card (402, nothing attached), another customer's card, an unknown customer or card", async ({
    stripe,
  }) => {
    const customer = await newCustomer(stripe, 'pm-refuse');
    const declined = await rejectionOf(stripe.paymentMethods.attach('pm_card_chargeDeclined', { customer: customer.id }));
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(declined).toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'generic_decline' });
    expect((await stripe.customers.listPaymentMethods(customer.id)).data).toEqual([]);

    const stranger = await newCustomer(stripe, 'pm-owner');
    const theirs = await stripe.paymentMethods.attach('pm_card_visa', { customer: stranger.id });
    expect(await rejectionOf(stripe.paymentMethods.attach(theirs.id, { customer: customer.id }))).toMatchObject({
      statusCode: 400,
      code: 'payment_method_unexpected_state',
    });
    expect(await rejectionOf(stripe.paymentMethods.attach('pm_card_visa', { customer: 'cus_nope' }))).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      param: 'customer',
    });
    expect(await rejectionOf(stripe.paymentMethods.attach('pm_nope', { customer: customer.id }))).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
    });
  });

  test('detaches for good (payment_method.detached): no second detach, no re-attach', async ({ stripe }) => {
    const customer = await newCustomer(stripe, 'pm-detach');
    const card = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const detached = await stripe.paymentMethods.detach(card.id);
    expect(detached).toMatchObject({ id: card.id, customer: null });
    expect((await eventsAbout(stripe, card.id, ['payment_method.detached'])).map((e) => e.type)).toEqual(['payment_method.detached']);
    expect((await stripe.customers.listPaymentMethods(customer.id)).data).toEqual([]);
    expect(await rejectionOf(stripe.paymentMethods.detach(card.id))).toMatchObject({
      statusCode: 400,
      code: 'payment_method_unexpected_state',
    });
    expect(await rejectionOf(stripe.paymentMethods.attach(card.id, { customer: customer.id }))).toMatchObject({
      statusCode: 400,
      code: 'payment_method_unexpected_state',
    });
  });

  test('sets invoice_settings.default_payment_method to an attached card: customer.updated with only the changed member', async ({
    stripe,
  }) => {
    const customer = await newCustomer(stripe, 'pm-default');
    const card = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const updated = await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: card.id } });
    expect(updated.invoice_settings).toMatchObject({ default_payment_method: card.id, footer: null });
    const expanded = (await stripe.customers.retrieve(customer.id, {
      expand: ['invoice_settings.default_payment_method'],
    })) as Stripe.Customer;
    expect((expanded.invoice_settings.default_payment_method as Stripe.PaymentMethod).card?.last4).toBe('4242');

    const updates = await eventsAbout(stripe, customer.id, ['customer.updated']);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.data.previous_attributes).toEqual({ invoice_settings: { default_payment_method: null } });

    const cleared = await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: '' } });
    expect(cleared.invoice_settings.default_payment_method).toBeNull();
  });

  test("refuses a default that is not attached to the customer, with Stripe's message, and changes nothing", async ({ stripe }) => {
    const customer = await newCustomer(stripe, 'pm-default-bad');
    const stranger = await newCustomer(stripe, 'pm-default-other');
    const theirs = await stripe.paymentMethods.attach('pm_card_visa', { customer: stranger.id });
    const err = await rejectionOf(
      stripe.customers.update(customer.id, { name: 'Changed', invoice_settings: { default_payment_method: theirs.id } }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err).toMatchObject({ statusCode: 400, param: 'invoice_settings[default_payment_method]' });
    expect(err.message).toBe(
      `The customer does not have a payment method with the ID ${theirs.id}. The payment method must be attached to the customer.`,
    );
    const after = (await stripe.customers.retrieve(customer.id)) as Stripe.Customer;
    expect(after).toMatchObject({ name: null, invoice_settings: { default_payment_method: null } });
    expect(await eventsAbout(stripe, customer.id, ['customer.updated'])).toEqual([]);
  });

  test("detaching the default card clears the customer's default (customer.updated)", async ({ stripe }) => {
    const customer = await newCustomer(stripe, 'pm-default-detach');
    const card = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: card.id } });
    await stripe.paymentMethods.detach(card.id);
    const after = (await stripe.customers.retrieve(customer.id)) as Stripe.Customer;
    expect(after.invoice_settings.default_payment_method).toBeNull();
    const updates = await eventsAbout(stripe, customer.id, ['customer.updated']);
    expect(updates.map((e) => e.data.previous_attributes)).toEqual([
      { invoice_settings: { default_payment_method: null } },
      { invoice_settings: { default_payment_method: card.id } },
    ]);
  });

  test('creates a customer with a test card attached and made its default in one call', async ({ stripe }) => {
    const customer = await stripe.customers.create({
      email: uniqueEmail('pm-create'),
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
    const saved = await stripe.customers.listPaymentMethods(customer.id);
    expect(saved.data).toHaveLength(1);
    expect(idOf(customer.invoice_settings.default_payment_method)).toBe(saved.data[0]!.id);
    expect(saved.data[0]!.id).not.toBe('pm_card_visa');

    const refused = await rejectionOf(
      stripe.customers.create({ email: uniqueEmail('pm-create-bad'), payment_method: 'pm_card_chargeDeclined' }),
    );
    expect(refused).toMatchObject({ statusCode: 402, code: 'card_declined' });
    const noDefault = await rejectionOf(stripe.customers.create({ invoice_settings: { default_payment_method: 'pm_card_visa' } }));
    expect(noDefault).toMatchObject({ statusCode: 400, param: 'invoice_settings[default_payment_method]' });
  });
});
