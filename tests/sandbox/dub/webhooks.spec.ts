import { expect } from '@playwright/test';
import { WebhookReach } from '../../../sandbox/webhookReach';
import { startWebhookReceiver } from '../referral/support/webhookReceiver';
import { clickId, eventually, paidCheckout, startDubWorld, test } from './support/dubWorld';

// Dub's outgoing webhooks as the emulation sends them (sandbox/dub/webhooks/).

test.describe('Dub emulation: outgoing webhooks', () => {
  test('only the events an endpoint chose; a failed delivery is retried with the same event id and body', async ({ world }) => {
    const receiver = await startWebhookReceiver((n) => ({ status: n === 1 ? 500 : 200 }));
    try {
      await world.dub.registerMerchantEndpoint(receiver.url, ['commission.created']);
      await paidCheckout(world, await clickId(world.dub));
      const received = await eventually(() => (receiver.received.length >= 2 ? receiver.received : undefined));
      expect(received[1]!.body).toBe(received[0]!.body);
      expect((JSON.parse(received[0]!.body) as { event: string }).event).toBe('commission.created');
      const attempts = world.dub.webhookAttempts();
      expect(attempts.map((a) => [a.event, a.attempt, a.httpStatus])).toEqual([
        ['commission.created', 1, 500],
        ['commission.created', 2, 200],
      ]);
      expect(attempts[0]!.nextAttemptAt).not.toBeNull();
      expect(attempts[1]!.nextAttemptAt).toBeNull();
    } finally {
      await receiver.close();
    }
  });

  test('Dub has no refund or update event: registering one is refused', async ({ world }) => {
    await expect(world.dub.registerMerchantEndpoint('http://127.0.0.1:9/hooks', ['commission.refunded'])).rejects.toThrow(
      /Dub sends no commission.refunded webhook/,
    );
  });

  test('playing cloud, an endpoint the internet cannot reach gets nothing: the attempts fail as unreachable', async () => {
    const world = await startDubWorld({ reach: WebhookReach.cloud([]) });
    const receiver = await startWebhookReceiver();
    try {
      await world.dub.registerMerchantEndpoint(receiver.url, ['sale.created']);
      await paidCheckout(world, await clickId(world.dub));
      const attempts = await eventually(() => {
        const all = world.dub.webhookAttempts();
        return all.length >= 3 ? all : undefined;
      });
      expect(receiver.received).toEqual([]);
      expect(attempts.every((a) => a.httpStatus === null && /unreachable/.test(a.error ?? ''))).toBe(true);
    } finally {
      await receiver.close();
      await world.stop();
    }
  });
});
