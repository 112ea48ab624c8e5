import { test, expect, type Platform } from './support/fixtures';
import { checkoutCompleted, deliverProviderEvent } from './support/providerEvents';

async function deliveries(platform: Platform, query: string): Promise<any[]> {
  const answer = await platform.api('GET', `/v1/deliveries${query}`);
  expect(answer.status).toBe(200);
  return answer.body.data;
}

test.describe('referral platform: the delivery log names the object of each message', () => {
  test('carries the message data id as object_id and filters by it and by trigger', async ({ lab }) => {
    const platform = await lab.start();
    const receiver = await lab.receiver();
    const endpoint = (await platform.api('POST', '/v1/webhook_endpoints', { url: receiver.url, enabled_events: ['*'] })).body;
    const click = (await platform.click('alice')).body;
    await deliverProviderEvent(platform.url, checkoutCompleted({ clickId: click.id }), platform.provider.webhookSecret);

    await expect.poll(() => deliveries(platform, `?endpoint=${endpoint.id}`)).toHaveLength(2);
    const [commission] = (await platform.api('GET', '/v1/commissions')).body.data;
    const [conversion] = (await platform.api('GET', '/v1/conversions')).body.data;

    const ofCommission = await deliveries(platform, `?object_id=${commission.id}`);
    expect(ofCommission.map((d) => [d.event_type, d.object_id, d.trigger])).toEqual([['commission.created', commission.id, 'scheduled']]);
    const ofConversion = await deliveries(platform, `?object_id=${conversion.id}`);
    expect(ofConversion.map((d) => [d.event_type, d.object_id])).toEqual([['conversion.created', conversion.id]]);
    expect(await deliveries(platform, '?trigger=scheduled')).toHaveLength(2);
    expect(await deliveries(platform, '?trigger=ping')).toEqual([]);
    expect(await deliveries(platform, '?object_id=cm_nope')).toEqual([]);
  });
});
