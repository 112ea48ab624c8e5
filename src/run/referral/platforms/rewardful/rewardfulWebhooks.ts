import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ReferralCommission, ReferralWebhookEvent } from '../../../../../contracts/referral';
import { deletedAfterRefund, refundedSaleAmount, toCommission, toConversion } from './rewardfulMapping';
import type { RewardfulCommission, RewardfulSale, RewardfulWebhookBody } from './rewardfulObjects';
import { isFullSale } from './rewardfulObjects';

/** https://developers.rewardful.com/webhooks/signed-webhooks: hex HMAC-SHA256 of the raw body with the endpoint's secret. */
export const SIGNATURE_HEADER = 'x-rewardful-signature';

/**
 * Rewardful's event types (https://developers.rewardful.com/webhooks/event-types) in the contract's words:
 *
 * | Rewardful event                                   | contract event          | data                                   |
 * | ------------------------------------------------- | ----------------------- | -------------------------------------- |
 * | sale.created                                      | conversion.created      | the sale as a conversion               |
 * | commission.created                                | commission.created      | the commission                         |
 * | commission.updated after a refund of its sale     | commission.refunded     | the recalculated commission            |
 * | commission.deleted (a full refund deletes it)     | commission.refunded     | the commission, refunded, amount 0     |
 * | commission.voided                                 | commission.refunded     | the commission, status canceled        |
 * | anything else (referral.converted, sale.refunded…) | its own name, unchanged | Rewardful's object as sent             |
 *
 * referral.converted is not conversion.created: it comes once per referral (its first sale), a conversion is a sale.
 */
export function contractEventType(type: string, object: Record<string, unknown>): string {
  switch (type) {
    case 'sale.created':
      return 'conversion.created';
    case 'commission.created':
      return 'commission.created';
    case 'commission.deleted':
    case 'commission.voided':
      return 'commission.refunded';
    case 'commission.updated': {
      const sale = (object as unknown as RewardfulCommission).sale;
      return isFullSale(sale) && sale.refund_amount_cents > 0 ? 'commission.refunded' : 'commission.updated';
    }
    default:
      return type;
  }
}

function headerValue(headers: Record<string, string | undefined>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/**
 * Checks X-Rewardful-Signature against the raw body and maps the event into the contract's envelope; throws one line
 * saying why when it does not verify. Rewardful signs no timestamp: a replayed message verifies (no replay protection
 * is documented).
 */
export function verifyRewardfulWebhook(
  rawBody: string,
  headers: Record<string, string | undefined>,
  secret: string,
  known: (id: string) => ReferralCommission | undefined = () => undefined,
): ReferralWebhookEvent {
  const signature = headerValue(headers, SIGNATURE_HEADER)?.trim();
  if (!signature) throw new Error(`The Rewardful webhook has no ${SIGNATURE_HEADER} header.`);
  const expected = createHmac('sha256', secret).update(rawBody, 'utf8').digest();
  const given = /^[0-9a-f]+$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new Error(`The Rewardful webhook's ${SIGNATURE_HEADER} does not match its body signed with the endpoint's secret.`);
  }
  let body: RewardfulWebhookBody;
  try {
    body = JSON.parse(rawBody) as RewardfulWebhookBody;
  } catch {
    throw new Error('The Rewardful webhook is signed but its body is not JSON.');
  }
  if (!body?.event?.type || !body.object)
    throw new Error('The Rewardful webhook has no event or object (https://developers.rewardful.com/webhooks/requests).');
  const type = contractEventType(body.event.type, body.object);
  return { id: body.event.id, type, timestamp: body.event.created_at, data: contractData(body, type, known) };
}

function contractData(
  body: RewardfulWebhookBody,
  type: string,
  known: (id: string) => ReferralCommission | undefined,
): ReferralWebhookEvent['data'] {
  const object = body.object;
  if (body.event.type === 'sale.created') {
    const sale = object as unknown as RewardfulSale;
    const campaign = sale.affiliate?.campaign?.id ?? '';
    return toConversion(sale, campaign) as unknown as ReferralWebhookEvent['data'];
  }
  if (!body.event.type.startsWith('commission.')) return object;
  const commission = object as unknown as RewardfulCommission;
  if (!isFullSale(commission.sale)) return object;
  const previous = known(commission.id);
  const mapped = toCommission(commission, commission.sale, previous?.rule ?? null);
  if (type !== 'commission.refunded') return mapped as unknown as ReferralWebhookEvent['data'];
  const refunded =
    body.event.type === 'commission.deleted'
      ? deletedAfterRefund(previous ?? mapped, Math.floor(Date.parse(body.event.created_at) / 1000))
      : mapped;
  const refundAmount =
    body.event.type === 'commission.deleted'
      ? refunded.sale_amount - (previous?.refunded_sale_amount ?? 0)
      : refundedSaleAmount(commission.sale) - (previous?.refunded_sale_amount ?? 0);
  return {
    ...refunded,
    previous_status: previous?.status ?? 'pending',
    refund_amount: Math.max(0, refundAmount),
  } as unknown as ReferralWebhookEvent['data'];
}
