import { test, expect, uniq, uniqueEmail } from './support/fixtures';

test.describe('products', () => {
  test('creates, retrieves and lists a product', async ({ stripe }) => {
    const name = uniq('Rehearsal mug');
    const product = await stripe.products.create({ name, description: 'A mug', metadata: { sku: 'mug-1' } });
    expect(product.id).toMatch(/^prod_/);
    expect(product).toMatchObject({
      object: 'product',
      name,
      description: 'A mug',
      active: true,
      livemode: false,
      metadata: { sku: 'mug-1' },
    });
    expect(typeof product.created).toBe('number');

    const again = await stripe.products.retrieve(product.id);
    expect(again.id).toBe(product.id);
    expect(again.name).toBe(name);

    const listed = await stripe.products.list({ limit: 100 });
    expect(listed.data.map((p) => p.id)).toContain(product.id);
  });

  test('creates a product with default_price_data and sets default_price', async ({ stripe }) => {
    const product = await stripe.products.create({
      name: uniq('With default price'),
      default_price_data: { currency: 'usd', unit_amount: 2000 },
    });
    expect(product.default_price).toMatch(/^price_/);
    const price = await stripe.prices.retrieve(product.default_price as string);
    expect(price).toMatchObject({ product: product.id, unit_amount: 2000, currency: 'usd' });
  });

  test('sets default_price on update', async ({ stripe }) => {
    const product = await stripe.products.create({ name: uniq('Later default') });
    const price = await stripe.prices.create({ product: product.id, unit_amount: 900, currency: 'usd' });
    const updated = await stripe.products.update(product.id, { default_price: price.id });
    expect(updated.default_price).toBe(price.id);
  });

  test('updates a product and keeps its id', async ({ stripe }) => {
    const product = await stripe.products.create({ name: uniq('Old name') });
    const updated = await stripe.products.update(product.id, { name: 'New name', metadata: { tier: 'gold' } });
    expect(updated.id).toBe(product.id);
    expect(updated.name).toBe('New name');
    expect(updated.metadata).toEqual({ tier: 'gold' });
  });
});

test.describe('prices', () => {
  test('creates a one-time price for a product', async ({ stripe }) => {
    const product = await stripe.products.create({ name: uniq('Priced') });
    const price = await stripe.prices.create({ product: product.id, unit_amount: 2000, currency: 'usd' });
    expect(price.id).toMatch(/^price_/);
    expect(price).toMatchObject({
      object: 'price',
      product: product.id,
      unit_amount: 2000,
      currency: 'usd',
      type: 'one_time',
      active: true,
      livemode: false,
    });
    expect(price.recurring).toBeNull();
  });

  test('finds prices by lookup_keys', async ({ stripe }) => {
    const product = await stripe.products.create({ name: uniq('Looked up') });
    const keyA = uniq('lk_a');
    const keyB = uniq('lk_b');
    const a = await stripe.prices.create({ product: product.id, unit_amount: 1000, currency: 'usd', lookup_key: keyA });
    const b = await stripe.prices.create({ product: product.id, unit_amount: 1500, currency: 'usd', lookup_key: keyB });
    await stripe.prices.create({ product: product.id, unit_amount: 1700, currency: 'usd', lookup_key: uniq('lk_other') });

    const one = await stripe.prices.list({ lookup_keys: [keyA] });
    expect(one.data.map((p) => p.id)).toEqual([a.id]);
    expect(one.data[0]?.lookup_key).toBe(keyA);

    const two = await stripe.prices.list({ lookup_keys: [keyA, keyB] });
    expect(two.data.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());

    const none = await stripe.prices.list({ lookup_keys: [uniq('lk_missing')] });
    expect(none.data).toEqual([]);
  });

  test('lists the prices of one product', async ({ stripe }) => {
    const product = await stripe.products.create({ name: uniq('Two prices') });
    const other = await stripe.products.create({ name: uniq('Other') });
    const p1 = await stripe.prices.create({ product: product.id, unit_amount: 100, currency: 'usd' });
    const p2 = await stripe.prices.create({ product: product.id, unit_amount: 200, currency: 'usd' });
    await stripe.prices.create({ product: other.id, unit_amount: 300, currency: 'usd' });
    const list = await stripe.prices.list({ product: product.id });
    expect(list.data.map((p) => p.id).sort()).toEqual([p1.id, p2.id].sort());
  });
});

test.describe('customers', () => {
  test('creates and retrieves a customer', async ({ stripe }) => {
    const email = uniqueEmail('cust');
    const customer = await stripe.customers.create({ email, name: 'Ada Lovelace', metadata: { source: 'rehearsal' } });
    expect(customer.id).toMatch(/^cus_/);
    expect(customer).toMatchObject({ object: 'customer', email, name: 'Ada Lovelace', livemode: false, metadata: { source: 'rehearsal' } });
    const again = await stripe.customers.retrieve(customer.id);
    expect(again.id).toBe(customer.id);
    expect('deleted' in again && again.deleted).toBeFalsy();
  });

  test('filters customers by exact email', async ({ stripe }) => {
    const email = uniqueEmail('filter');
    const c1 = await stripe.customers.create({ email });
    const c2 = await stripe.customers.create({ email });
    await stripe.customers.create({ email: uniqueEmail('someone-else') });
    const list = await stripe.customers.list({ email });
    expect(list.data.map((c) => c.id).sort()).toEqual([c1.id, c2.id].sort());
    expect(list.data.every((c) => c.email === email)).toBe(true);
  });
});
