import Stripe from 'stripe';
import { test, expect, uniqueEmail } from './support/fixtures';

async function createCustomers(stripe: Stripe, email: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await stripe.customers.create({ email, metadata: { n: String(i) } })).id);
  return ids;
}

test.describe('list shape and pagination', () => {
  test('answers a list object with data, has_more and url, honouring limit', async ({ stripe }) => {
    const email = uniqueEmail('shape');
    await createCustomers(stripe, email, 3);
    const page = await stripe.customers.list({ email, limit: 2 });
    expect(page.object).toBe('list');
    expect(page.url).toBe('/v1/customers');
    expect(page.data).toHaveLength(2);
    expect(page.has_more).toBe(true);
    const all = await stripe.customers.list({ email, limit: 10 });
    expect(all.data).toHaveLength(3);
    expect(all.has_more).toBe(false);
  });

  test('returns the newest object first', async ({ stripe }) => {
    const email = uniqueEmail('order');
    const ids = await createCustomers(stripe, email, 3);
    const list = await stripe.customers.list({ email });
    expect(list.data.map((c) => c.id)).toEqual([...ids].reverse());
  });

  test('pages through every item exactly once with starting_after', async ({ stripe }) => {
    const email = uniqueEmail('paging');
    const ids = await createCustomers(stripe, email, 5);
    const seen: string[] = [];
    const hasMore: boolean[] = [];
    let startingAfter: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await stripe.customers.list({ email, limit: 2, ...(startingAfter ? { starting_after: startingAfter } : {}) });
      seen.push(...page.data.map((c) => c.id));
      hasMore.push(page.has_more);
      if (!page.has_more) break;
      startingAfter = page.data[page.data.length - 1]?.id;
    }
    expect(hasMore).toEqual([true, true, false]);
    expect(seen).toEqual([...ids].reverse());
    expect(new Set(seen).size).toBe(5);
  });

  test('pages backwards with ending_before', async ({ stripe }) => {
    const email = uniqueEmail('backwards');
    const ids = await createCustomers(stripe, email, 4); // newest first: ids[3], ids[2], ids[1], ids[0]
    const page = await stripe.customers.list({ email, limit: 2, ending_before: ids[1] });
    expect(page.data.map((c) => c.id)).toEqual([ids[3], ids[2]]);
  });

  test('auto-paginates through the SDK with for await', async ({ stripe }) => {
    const email = uniqueEmail('autopage');
    const ids = await createCustomers(stripe, email, 5);
    const seen: string[] = [];
    for await (const customer of stripe.customers.list({ email, limit: 2 })) seen.push(customer.id);
    expect(seen).toEqual([...ids].reverse());
    const viaArray = await stripe.customers.list({ email, limit: 2 }).autoPagingToArray({ limit: 100 });
    expect(viaArray.map((c) => c.id)).toEqual([...ids].reverse());
  });

  test('pages through a whole unfiltered list exactly once, by hand and with for await', async ({ stripe }) => {
    const mine: string[] = [];
    for (let i = 0; i < 3; i++) mine.push((await stripe.products.create({ name: `paging product ${i}` })).id);
    const byHand: string[] = [];
    let startingAfter: string | undefined;
    for (let guard = 0; guard < 1000; guard++) {
      const page = await stripe.products.list({ limit: 7, ...(startingAfter ? { starting_after: startingAfter } : {}) });
      byHand.push(...page.data.map((p) => p.id));
      if (!page.has_more) break;
      startingAfter = page.data[page.data.length - 1]?.id;
    }
    const auto: string[] = [];
    for await (const p of stripe.products.list({ limit: 3 })) auto.push(p.id);
    expect(new Set(byHand).size).toBe(byHand.length);
    expect(auto).toEqual(byHand);
    expect(byHand.slice(0, 3)).toEqual([...mine].reverse());
  });

  test('rejects a limit above 100', async ({ stripe }) => {
    await expect(stripe.customers.list({ limit: 101 })).rejects.toMatchObject({ type: 'StripeInvalidRequestError', param: 'limit' });
  });
});
