import { expect } from '@playwright/test';
import { pollUntil } from '../polling/pollUntil';
import type { ReferralClient } from '../referral/referralClient';
import type { ReferralClick, ReferralConversion } from '../referral/types';
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
  expect(forCheckout.length, 'one checkout is one conversion (a redelivered webhook must not count twice)').toBe(1);
  expect(conversion.partner, 'the conversion is credited to the partner of the click').toBe(click.partner);
  expect(conversion.amount, 'the conversion amount is the sale amount excluding tax').toBe(expected.saleAmount);
  expect(conversion.currency, 'the conversion is in the sale currency').toBe(expected.currency);
  return conversion;
}
