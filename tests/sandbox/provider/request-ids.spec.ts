import { expect, test } from './support/providerLab';

test.describe('Request-Id response header', () => {
  test('every API response carries a Request-Id; with provider.no-request-id none does', async ({ lab }) => {
    const customer = await lab.stripe.customers.create({ email: 'request-id@example.test' });
    expect(customer.lastResponse.requestId).toMatch(/^req_/);
    const failed = await fetch(`${lab.provider.url}/v1/customers/cus_missing`, {
      headers: { authorization: `Bearer ${lab.provider.secretKey}` },
    });
    expect([failed.status, failed.headers.get('request-id')?.startsWith('req_')]).toEqual([404, true]);

    lab.faults.enable('provider.no-request-id');
    const again = await lab.stripe.customers.retrieve(customer.id);
    expect(again.lastResponse.requestId).toBeUndefined();
    const raw = await fetch(`${lab.provider.url}/v1/customers`, { headers: { authorization: `Bearer ${lab.provider.secretKey}` } });
    expect([raw.status, raw.headers.get('request-id')]).toEqual([200, null]);
  });
});
