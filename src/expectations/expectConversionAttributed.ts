import { expect } from '@playwright/test';
import { momentAtUnixSeconds } from '../evidence/timeline';
import { pollUntil } from '../polling/pollUntil';
import type { ReferralClient } from '../referral/referralClient';
import type { ReferralClick, ReferralConversion } from '../referral/types';
import { expectAmountEquals } from './expectAmountEquals';
import type { ExpectationContext } from './expectationContext';

/** The referral platform recorded a conversion for the checkout, attributed to the click, for the sale amount. */
export async function expectConversionAttributed(
  referral: ReferralClient,
  expected: { click: ReferralClick; checkoutSessionId: string; saleAmount: number; currency: string },
  { evidence, timeoutMs }: ExpectationContext,
): Promise<ReferralConversion> {
  const { click, checkoutSessionId } = expected;
  const { value: forCheckout } = await pollUntil({
    what: `a conversion for checkout session ${checkoutSessionId} attributed to click ${click.id}`,
    where: `the referral platform's API (GET /v1/conversions?click=${click.id})`,
    timeoutMs,
    check: async (note) => {
      const conversions = await referral.listConversions({ click: click.id });
      note(`${conversions.data.length} conversions for the click`);
      const matching = conversions.data.filter((candidate) => candidate.source.id === checkoutSessionId);
      return matching.length > 0 ? matching : undefined;
    },
  });
  const conversion = forCheckout[0]!;
  await evidence.attachJson('conversion', forCheckout.length === 1 ? conversion : forCheckout);
  evidence.timeline?.(momentAtUnixSeconds('referral', `conversion recorded (${conversion.amount} ${conversion.currency})`, conversion.created, conversion.id));
  expect(forCheckout.length, 'one checkout is one conversion (a redelivered webhook must not count twice)').toBe(1);
  expect(conversion.partner, 'the conversion is credited to the partner of the click').toBe(click.partner);
  expectAmountEquals(`the sale amount of conversion ${conversion.id}`, conversion, {
    amount: expected.saleAmount,
    currency: expected.currency,
    source: 'what the customer paid, excluding tax',
  });
  return conversion;
}
