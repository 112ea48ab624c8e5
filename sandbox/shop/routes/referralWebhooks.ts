import type { FastifyInstance } from 'fastify';
import { Webhook } from 'standardwebhooks';
import type { ShopContext } from '../shopContext';

/**
 * POST /webhooks/referral: the referral platform's webhooks (conversion.created, commission.created,
 * commission.refunded, and a ping on request). The Standard Webhooks signature is checked over the exact bytes with
 * the `standardwebhooks` package at its default timestamp tolerance (5 minutes), as the harness's sink does: a valid
 * message is recorded in the partner-commission ledger (once per message id) and answered 204, anything else 400.
 * The fault `shop.referral-webhook-fails` answers 503 to every delivery, before looking at it.
 */
export async function referralWebhookRoutes(app: FastifyInstance, shop: ShopContext): Promise<void> {
  // Only in this plugin's scope: the body stays the exact bytes the platform signed.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post('/webhooks/referral', async (request, reply) => {
    if (shop.faults.has('shop.referral-webhook-fails')) {
      return reply.code(503).send({ error: 'The referral webhook handler is unavailable.' });
    }
    const { secret } = shop.referralWebhooks;
    if (!secret || !Buffer.isBuffer(request.body)) return reply.code(400).send({ error: 'Missing or invalid signature.' });
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
    };
    let message: { id: string; type: string; timestamp: string; data: Record<string, unknown> };
    try {
      message = new Webhook(secret).verify(request.body.toString('utf8'), {
        'webhook-id': header('webhook-id'),
        'webhook-timestamp': header('webhook-timestamp'),
        'webhook-signature': header('webhook-signature'),
      }) as typeof message;
    } catch {
      return reply.code(400).send({ error: 'Signature verification failed.' });
    }
    if (
      !message ||
      typeof message.id !== 'string' ||
      typeof message.type !== 'string' ||
      !message.data ||
      typeof message.data !== 'object'
    ) {
      return reply.code(400).send({ error: 'Not a referral platform message.' });
    }
    shop.referralWebhooks.ledger.record(message);
    return reply.code(204).send();
  });
}
