import { createHmac } from 'node:crypto';
import { test, expect } from '@playwright/test';
import { ReferralWebhookRejected, verifyReferralWebhook } from '../../../sandbox/shop/referralWebhookVerification';

const SECRET = 'whsec_shop_verification_test_0000';

function headers(values: Record<string, string>): (name: string) => string {
  return (name) => values[name] ?? '';
}

function hexHmac(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

const REWARDFUL_BODY = JSON.stringify({
  object: { id: 'cm_1', amount: 400, currency: 'USD', state: 'pending', affiliate: { id: 'aff_1' }, sale: { id: 'sale_1' } },
  event: { id: 'evt_rw_1', type: 'commission.created', created_at: '2026-12-07T22:00:00.000Z', api_version: 'v1' },
  request: { id: 'req_1' },
});
const DUB_BODY = JSON.stringify({
  id: 'evt_dub_1',
  event: 'commission.created',
  createdAt: '2026-12-07T22:00:00.000Z',
  data: { id: 'cm_dub_1', amount: 2000, earnings: 400, currency: 'usd', status: 'pending', invoiceId: 'in_1', partner: { id: 'pn_1' } },
});

test.describe("the demo shop's referral webhook verification, per platform", () => {
  test("Rewardful: X-Rewardful-Signature over the raw body; the commission in the ledger's words", () => {
    const message = verifyReferralWebhook(
      'rewardful',
      SECRET,
      Buffer.from(REWARDFUL_BODY),
      headers({ 'x-rewardful-signature': hexHmac(SECRET, REWARDFUL_BODY) }),
    );
    expect(message).toEqual({
      id: 'evt_rw_1',
      type: 'commission.created',
      timestamp: '2026-12-07T22:00:00.000Z',
      data: { id: 'cm_1', partner: 'aff_1', conversion: 'sale_1', amount: 400, currency: 'usd', status: 'pending' },
    });
  });

  test("Dub: Dub-Signature over the raw body; the partner's earnings as the commission's amount", () => {
    const message = verifyReferralWebhook('dub', SECRET, Buffer.from(DUB_BODY), headers({ 'dub-signature': hexHmac(SECRET, DUB_BODY) }));
    expect(message).toEqual({
      id: 'evt_dub_1',
      type: 'commission.created',
      timestamp: '2026-12-07T22:00:00.000Z',
      data: { id: 'cm_dub_1', partner: 'pn_1', conversion: 'in_1', amount: 400, currency: 'usd', status: 'pending' },
    });
  });

  for (const [platform, body, header] of [
    ['rewardful', REWARDFUL_BODY, 'x-rewardful-signature'],
    ['dub', DUB_BODY, 'dub-signature'],
  ] as const) {
    test(`${platform}: a tampered body, another secret, or no signature is refused`, () => {
      const good = hexHmac(SECRET, body);
      const tampered = body.replace('400', '900');
      for (const [what, raw, signature] of [
        ['tampered body', tampered, good],
        ['another secret', body, hexHmac('whsec_someone_else_0000000000', body)],
        ['no signature', body, ''],
        ['not hex', body, 'sha256=' + good],
      ] as const) {
        expect(() => verifyReferralWebhook(platform, SECRET, Buffer.from(raw), headers({ [header]: signature })), what).toThrow(
          ReferralWebhookRejected,
        );
      }
    });
  }

  test("Dress Rehearsal's platform: Standard Webhooks headers, as before", () => {
    expect(() => verifyReferralWebhook('dress-rehearsal', 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0', Buffer.from('{}'), headers({}))).toThrow(
      'Signature verification failed.',
    );
  });
});
