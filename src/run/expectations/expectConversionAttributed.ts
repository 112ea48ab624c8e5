import { expect } from '@playwright/test';
import { momentAtUnixSeconds } from '../evidence/timeline';
import { formatMoney } from '../../base/formatMoney';
import { pollUntil } from '../polling/pollUntil';
import type { ReferralPlatform, ReferralQuery } from '../../model/target/referralPlatform';
import type { ReferralClick, ReferralConversion } from '../../../contracts/referral';
import type { PaymentReference } from '../../model/target/contract';
import { describePayment } from './describePayment';
import { expectAmountEquals } from './expectAmountEquals';
import type { ExpectationContext } from './expectationContext';
import { wakeOnReferralEvents } from './wakeOnEvents';

/**
 * The referral platform recorded a conversion for the payment (a checkout session, or a payment intent the merchant
 * reported), attributed to the click, for the sale amount, and only one. On a platform that records a sale by its
 * charge only (Rewardful's sale: `source.type` `charge`), the conversion of the payment's `chargeId` is it.
 */
export async function expectConversionAttributed(
  referral: ReferralPlatform,
  expected: { click: ReferralClick; payment: PaymentReference; saleAmount: number; currency: string; chargeId?: string },
  { evidence, timeoutMs, arrivals }: ExpectationContext,
): Promise<ReferralConversion> {
  const { click, payment, chargeId } = expected;
  const query = conversionsOfPayment(payment);
  // Asked only of a platform that records a sale by its charge (limits.conversionsByPayment), while the first query finds nothing.
  const byCharge = chargeId !== undefined && referral.limits?.conversionsByPayment !== undefined ? { source_id: chargeId } : undefined;
  const forThisPayment = (candidate: ReferralConversion) =>
    isForPayment(candidate, payment) || (chargeId !== undefined && candidate.source.type === 'charge' && candidate.source.id === chargeId);
  const { value: forPayment } = await pollUntil({
    what: `a conversion for ${describePayment(payment)} attributed to click ${click.id}`,
    where: `the referral platform's API (GET /v1/conversions?${new URLSearchParams(query as Record<string, string>).toString()})`,
    timeoutMs,
    wakeOn: wakeOnReferralEvents({ arrivals }, 'conversion.'),
    check: async (note) => {
      // Filtered here too: a platform that does not know the filter may ignore it.
      let conversions = (await referral.listConversions({ ...query, limit: 100 })).data.filter(forThisPayment);
      if (conversions.length === 0 && byCharge) {
        conversions = (await referral.listConversions({ ...byCharge, limit: 100 })).data.filter(forThisPayment);
      }
      const attributed = conversions.filter((candidate) => candidate.click === click.id);
      note(
        `${conversions.length} conversions for the payment` +
          (conversions.length > attributed.length
            ? `, ${conversions.length - attributed.length} not attributed to the click (${conversions
                .filter((c) => c.click !== click.id)
                .map((c) => `${c.id}: click ${c.click ?? 'none'}`)
                .join(', ')})`
            : ''),
      );
      return attributed.length > 0 ? conversions : undefined;
    },
  });
  const conversion = forPayment.find((candidate) => candidate.click === click.id)!;
  await evidence.attachJson('conversion', forPayment.length === 1 ? conversion : forPayment);
  evidence.timeline?.(
    momentAtUnixSeconds(
      'referral',
      `conversion recorded (${formatMoney(conversion.amount, conversion.currency)})`,
      conversion.created,
      conversion.id,
    ),
  );
  expect(forPayment.length, 'one payment is one conversion (a redelivered webhook must not count twice)').toBe(1);
  expect(conversion.partner, 'the conversion is credited to the partner of the click').toBe(click.partner);
  expectAmountEquals(`the sale amount of conversion ${conversion.id}`, conversion, {
    amount: expected.saleAmount,
    currency: expected.currency,
    source: 'what the customer paid, excluding tax',
  });
  return conversion;
}

/** The query for a payment's conversions: by source for a checkout session, by payment intent for a payment intent. */
export function conversionsOfPayment(payment: PaymentReference): ReferralQuery {
  return payment.kind === 'checkout_session' ? { source_id: payment.id } : { payment_intent: payment.id };
}

/** The conversion is for this payment: its source, or (for a payment intent) the payment intent it records. */
export function isForPayment(conversion: ReferralConversion, payment: PaymentReference): boolean {
  return conversion.source.id === payment.id || (payment.kind === 'payment_intent' && conversion.payment_intent === payment.id);
}
