import type { FastifyInstance } from 'fastify';
import { verifyReferralWebhook, type VerifiedReferralMessage } from '../referralWebhookVerification';
import type { ShopContext } from '../shopContext';

/**
 * POST /webhooks/referral: the referral platform's webhooks (ours: conversion.created, commission.created,
 * commission.refunded and a ping on request; Rewardful's and Dub's: see referralWebhookEndpoint.ts). The signature is
 * checked over the exact bytes the way the shop's platform signs (../referralWebhookVerification.ts): a valid message
 * is recorded in the partner-commission ledger (once per message id) and answered 204, anything else 400. The fault
 * `shop.referral-webhook-fails` answers 503 to every delivery, before looking at it.
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
    let message: VerifiedReferralMessage;
    try {
      message = verifyReferralWebhook(shop.referralPlatform, secret, request.body, header);
    } catch (error) {
      return reply.code(400).send({ error: (error as Error).message });
    }
    shop.referralWebhooks.ledger.record(message);
    return reply.code(204).send();
  });
}
