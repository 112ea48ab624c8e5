import type Stripe from 'stripe';
import { test, expect, getRawJson, rejectionOf, uniq, uniqueEmail } from './support/fixtures';

/**
 * Stripe's search endpoints through the official SDK. The provider is shared by the tests of a worker, so every
 * query is narrowed by a metadata tag (or another value) unique to its test.
 *
 * Unlike Stripe (searchable "in under 1 minute"), the sandbox finds an object at once: these tests search right
 * after writing, which Stripe's docs advise against.
 */

const ids = (result: { data: { id: string }[] }) => result.data.map((object) => object.id);

async function customersTagged(stripe: Stripe, tag: string, specs: Partial<Stripe.CustomerCreateParams>[]): Promise<Stripe.Customer[]> {
  const created: Stripe.Customer[] = [];
  for (const spec of specs)
    created.push(
      await stripe.customers.create({ ...spec, metadata: { run: tag, ...(spec.metadata as Record<string, string> | undefined) } }),
    );
  return created;
}

/** A succeeded card payment (and its charge) for `customer`, tagged in metadata. */
async function paidIntent(
  stripe: Stripe,
  customer: string,
  tag: string,
  amount: number,
  currency = 'usd',
): Promise<{ intent: Stripe.PaymentIntent; charge: string }> {
  const intent = await stripe.paymentIntents.create({
    amount,
    currency,
    customer,
    payment_method: 'pm_card_visa',
    automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    confirm: true,
    metadata: { run: tag },
  });
  expect(intent.status).toBe('succeeded');
  return { intent, charge: intent.latest_charge as string };
}

test.describe('the search_result object', () => {
  test('GET /v1/customers/search answers a search_result (the static route wins over /v1/customers/:id)', async ({ stripe, provider }) => {
    const tag = uniq('shape');
    const [customer] = await customersTagged(stripe, tag, [{ email: uniqueEmail('shape') }]);
    const raw = await getRawJson(provider, `/v1/customers/search?query=${encodeURIComponent(`metadata["run"]:"${tag}"`)}`);
    expect(raw.status).toBe(200);
    expect(raw.body).toEqual({
      object: 'search_result',
      data: [expect.objectContaining({ id: customer!.id, object: 'customer' })],
      has_more: false,
      next_page: null,
      url: '/v1/customers/search',
    });
    // The customer itself is still retrievable by id.
    expect((await stripe.customers.retrieve(customer!.id)).id).toBe(customer!.id);
  });

  test('total_count only with expand[]=total_count; data.* expands as on lists', async ({ stripe }) => {
    const tag = uniq('count');
    const [customer] = await customersTagged(stripe, tag, [{ name: 'Count Me' }]);
    await paidIntent(stripe, customer!.id, tag, 1200);
    await paidIntent(stripe, customer!.id, tag, 1300);
    const query = `metadata["run"]:"${tag}"`;

    const plain = await stripe.paymentIntents.search({ query, limit: 1 });
    expect(plain).not.toHaveProperty('total_count');
    const counted = await stripe.paymentIntents.search({ query, limit: 1, expand: ['total_count', 'data.customer'] });
    expect(counted.total_count).toBe(2);
    expect(counted.data).toHaveLength(1);
    expect(counted.data[0]?.customer).toMatchObject({ id: customer!.id, object: 'customer', name: 'Count Me' });
  });
});

test.describe('customers', () => {
  test('email exact or substring, name by its words, phone, created, negation and OR', async ({ stripe }) => {
    const tag = uniq('cust');
    const domain = `${tag}.example.test`;
    const [amy, bob, carol] = await customersTagged(stripe, tag, [
      { email: `amy@${domain}`, name: 'Amy Jane Rocket', phone: '+15555550101' },
      { email: `bob@${domain}`, name: 'Bob Rocket', phone: '+15555550102' },
      { email: `carol@${domain}`, name: null as unknown as string },
    ]);
    const search = async (clause: string) => ids(await stripe.customers.search({ query: `metadata["run"]:"${tag}" AND ${clause}` }));

    expect(await search(`email:"AMY@${domain}"`)).toEqual([amy!.id]);
    expect(await search(`email~"${domain}"`)).toEqual([carol!.id, bob!.id, amy!.id]);
    expect(await search(`name:"jane rocket"`)).toEqual([amy!.id]);
    expect(await search(`name:"rocket"`)).toEqual([bob!.id, amy!.id]);
    expect(await search(`name:null`)).toEqual([carol!.id]);
    expect(await search(`phone:"+15555550102"`)).toEqual([bob!.id]);
    expect(await search(`-email:"bob@${domain}"`)).toEqual([carol!.id, amy!.id]);
    expect(await search(`created>=${amy!.created}`)).toEqual([carol!.id, bob!.id, amy!.id]);
    expect(await search(`created<${amy!.created}`)).toEqual([]);

    const either = await stripe.customers.search({ query: `email:"amy@${domain}" OR email:"carol@${domain}"` });
    expect(ids(either)).toEqual([carol!.id, amy!.id]);
  });

  test('pages with limit and page (next_page), newest first, and the SDK auto-pages', async ({ stripe }) => {
    const tag = uniq('pages');
    const made = await customersTagged(stripe, tag, [{}, {}, {}, {}, {}]);
    const newestFirst = made.map((c) => c.id).reverse();
    const query = `metadata["run"]:"${tag}"`;

    const first = await stripe.customers.search({ query, limit: 2 });
    expect(ids(first)).toEqual(newestFirst.slice(0, 2));
    expect(first.has_more).toBe(true);
    expect(typeof first.next_page).toBe('string');
    const second = await stripe.customers.search({ query, limit: 2, page: first.next_page! });
    expect(ids(second)).toEqual(newestFirst.slice(2, 4));
    const third = await stripe.customers.search({ query, limit: 2, page: second.next_page! });
    expect(ids(third)).toEqual(newestFirst.slice(4));
    expect(third).toMatchObject({ has_more: false, next_page: null });

    const all = await stripe.customers.search({ query, limit: 2 }).autoPagingToArray({ limit: 10 });
    expect(all.map((c) => c.id)).toEqual(newestFirst);
    // Default limit 10.
    expect((await stripe.customers.search({ query })).data).toHaveLength(5);
  });

  test('a deleted customer is not found', async ({ stripe }) => {
    const tag = uniq('deleted');
    const [gone, kept] = await customersTagged(stripe, tag, [{}, {}]);
    await stripe.customers.del(gone!.id);
    expect(ids(await stripe.customers.search({ query: `metadata["run"]:"${tag}"` }))).toEqual([kept!.id]);
  });
});

test.describe('payment intents and charges', () => {
  test('payment intents by amount, currency, status, customer and metadata', async ({ stripe }) => {
    const tag = uniq('pi');
    const [customer] = await customersTagged(stripe, tag, [{}]);
    const { intent: small } = await paidIntent(stripe, customer!.id, tag, 500);
    const { intent: big } = await paidIntent(stripe, customer!.id, tag, 5000, 'eur');
    const open = await stripe.paymentIntents.create({
      amount: 700,
      currency: 'usd',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      metadata: { run: tag },
    });
    const search = async (clause: string) =>
      ids(await stripe.paymentIntents.search({ query: `metadata["run"]:"${tag}" ${clause}`.trim() }));

    expect(await search('')).toEqual([open.id, big.id, small.id]);
    expect(await search('AND amount>1000')).toEqual([big.id]);
    expect(await search('AND amount<=700')).toEqual([open.id, small.id]);
    expect(await search('AND -currency:"usd"')).toEqual([big.id]);
    expect(await search('AND status:"requires_payment_method"')).toEqual([open.id]);
    expect(await search(`AND customer:"${customer!.id}" AND status:"succeeded"`)).toEqual([big.id, small.id]);
  });

  test('charges by customer, card last4 and brand, status, disputed and refunded (true: full, false: partial, null: none)', async ({
    stripe,
  }) => {
    const tag = uniq('ch');
    const [customer] = await customersTagged(stripe, tag, [{}]);
    const { charge: full } = await paidIntent(stripe, customer!.id, tag, 1000);
    const { charge: partial } = await paidIntent(stripe, customer!.id, tag, 2000);
    const { charge: untouched } = await paidIntent(stripe, customer!.id, tag, 3000);
    await stripe.refunds.create({ charge: full });
    await stripe.refunds.create({ charge: partial, amount: 500 });
    const search = async (clause: string) => ids(await stripe.charges.search({ query: `customer:"${customer!.id}" AND ${clause}` }));

    expect(await search('payment_method_details.card.last4:4242')).toEqual([untouched, partial, full]);
    expect(await search('payment_method_details.card.brand:"VISA" AND status:"succeeded" AND disputed:"false"')).toEqual([
      untouched,
      partial,
      full,
    ]);
    expect(await search('refunded:"true"')).toEqual([full]);
    expect(await search('refunded:"false"')).toEqual([partial]);
    expect(await search('refunded:null')).toEqual([untouched]);
    expect(await search('amount>1500 AND -refunded:null')).toEqual([partial]);
    expect(await search(`metadata['run']:'${tag}'`)).toHaveLength(3);
  });
});

test.describe('subscriptions, invoices, prices and products', () => {
  test('subscriptions by status, metadata, created and canceled_at', async ({ stripe }) => {
    const tag = uniq('sub');
    const product = await stripe.products.create({ name: uniq('Search club') });
    const price = await stripe.prices.create({ product: product.id, unit_amount: 900, currency: 'usd', recurring: { interval: 'month' } });
    const [customer] = await customersTagged(stripe, tag, [{}]);
    const subscribe = () =>
      stripe.subscriptions.create({
        customer: customer!.id,
        items: [{ price: price.id }],
        payment_behavior: 'default_incomplete',
        metadata: { run: tag },
      });
    const kept = await subscribe();
    const canceled = await stripe.subscriptions.cancel((await subscribe()).id);
    expect(canceled.status).toBe('canceled');
    const search = async (clause: string) => ids(await stripe.subscriptions.search({ query: `metadata["run"]:"${tag}" AND ${clause}` }));

    // Unlike the list endpoint, search has no default status filter: canceled subscriptions are found.
    expect(await search(`created>=${kept.created}`)).toEqual([canceled.id, kept.id]);
    expect(await search('status:"canceled"')).toEqual([canceled.id]);
    expect(await search('-status:"canceled"')).toEqual([kept.id]);
    expect(await search('canceled_at:null')).toEqual([kept.id]);

    const invoices = await stripe.invoices.search({ query: `subscription:"${kept.id}" AND status:"open"` });
    expect(ids(invoices)).toEqual([kept.latest_invoice as string]);
    expect(ids(await stripe.invoices.search({ query: `customer:"${customer!.id}" AND total:900` }))).toHaveLength(2);
  });

  test('prices by product, lookup_key, type and active; products by name substring and active', async ({ stripe }) => {
    const tag = uniq('catalog');
    const product = await stripe.products.create({ name: `Searchable ${tag} tee`, metadata: { run: tag } });
    const oneTime = await stripe.prices.create({ product: product.id, unit_amount: 1500, currency: 'usd', lookup_key: `${tag}_one` });
    const monthly = await stripe.prices.create({
      product: product.id,
      unit_amount: 900,
      currency: 'usd',
      recurring: { interval: 'month' },
    });

    expect(ids(await stripe.prices.search({ query: `product:"${product.id}"` }))).toEqual([monthly.id, oneTime.id]);
    expect(ids(await stripe.prices.search({ query: `product:"${product.id}" AND type:"recurring"` }))).toEqual([monthly.id]);
    expect(ids(await stripe.prices.search({ query: `lookup_key:"${tag}_one" AND active:"true"` }))).toEqual([oneTime.id]);
    expect(ids(await stripe.products.search({ query: `name~"${tag}" AND active:"true"` }))).toEqual([product.id]);
    expect(ids(await stripe.products.search({ query: `metadata["run"]:"${tag}" AND shippable:null AND url:null` }))).toEqual([product.id]);
  });
});

test.describe('errors, Stripe-shaped', () => {
  test('no query: 400 parameter_missing', async ({ stripe }) => {
    const error = await rejectionOf(stripe.customers.search({} as Stripe.CustomerSearchParams));
    expect(error.type).toBe('StripeInvalidRequestError');
    expect(error).toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'query', message: 'Missing required param: query.' });
  });

  test('an unsupported field names the resource, as Stripe does', async ({ stripe }) => {
    const error = await rejectionOf(stripe.subscriptions.search({ query: 'customer:"cus_123"' }));
    expect(error).toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400 });
    expect(error.message).toBe(
      'Field `customer` is an unsupported search field for resource `subscriptions`. See http://stripe.com/docs/search#query-fields-for-subscriptions for a list of supported fields.',
    );
  });

  test('an unparsable query, AND mixed with OR, and an operator the field does not take are 400s', async ({ stripe }) => {
    const unparsable = await rejectionOf(stripe.customers.search({ query: 'asdf' }));
    expect(unparsable).toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400 });
    expect(unparsable.message).toMatch(/^We were unable to parse your search query\./);
    const mixed = await rejectionOf(stripe.charges.search({ query: 'currency:"usd" AND amount>5 OR status:"failed"' }));
    expect(mixed).toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400 });
    expect(mixed.message).toMatch(/AND and OR cannot be combined/);
    const operator = await rejectionOf(stripe.paymentIntents.search({ query: 'currency>"usd"' }));
    expect(operator).toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400 });
    expect(operator.message).toMatch(/does not support the `>` operator/);
  });

  test('limit out of 1..100, an unknown parameter and a page that is not a next_page', async ({ stripe }) => {
    const tooMany = await rejectionOf(stripe.customers.search({ query: 'email:"a@b.test"', limit: 101 }));
    expect(tooMany).toMatchObject({ statusCode: 400, param: 'limit' });
    const none = await rejectionOf(stripe.customers.search({ query: 'email:"a@b.test"', limit: 0 }));
    expect(none).toMatchObject({ statusCode: 400, param: 'limit' });
    const unknown = await rejectionOf(
      stripe.customers.search({ query: 'email:"a@b.test"', starting_after: 'cus_x' } as Stripe.CustomerSearchParams),
    );
    expect(unknown).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'starting_after' });
    const page = await rejectionOf(stripe.customers.search({ query: 'email:"a@b.test"', page: 'not-a-token' }));
    expect(page).toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400, param: 'page' });
  });
});
