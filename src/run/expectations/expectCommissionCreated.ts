import { expect } from '@playwright/test';
import { momentAtUnixSeconds } from '../evidence/timeline';
import { formatMoney } from '../../base/formatMoney';
import { pollUntil } from '../polling/pollUntil';
import type { ReferralPlatform } from '../../model/target/referralPlatform';
import type { ReferralCommission, ReferralConversion } from '../../../contracts/referral';
import { commissionCalculation } from './commissionCalculation';
import { expectAmountEquals } from './expectAmountEquals';
import type { ExpectationContext } from './expectationContext';
import { wakeOnReferralEvents } from './wakeOnEvents';

/**
 * The conversion earned a pending commission whose amount is the program's rule applied to the sale amount,
 * as the harness computes it (never the platform's own figure), and is the commission agreed for the sale
 * (`agreedAmount`: the catalogue's expectedCommission), so a programme configured at the wrong rate fails too. A
 * platform whose API returns no programme: the agreed amount is the rule (commissionCalculation.ts).
 */
export async function expectCommissionCreated(
  referral: ReferralPlatform,
  expected: { conversion: ReferralConversion; saleAmount: number; agreedAmount: number },
  { evidence, timeoutMs, arrivals }: ExpectationContext,
): Promise<ReferralCommission> {
  const { conversion, saleAmount, agreedAmount } = expected;
  const calculation = await commissionCalculation(referral, {
    programId: conversion.program,
    saleAmount,
    agreedAmount,
    currency: conversion.currency,
  });
  const { expectedAmount } = calculation;
  await evidence.attachJson('commission calculation', calculation.evidence);

  const { value: commissions } = await pollUntil({
    what: `a commission for conversion ${conversion.id}`,
    where: `the referral platform's API (GET /v1/commissions?conversion=${conversion.id})`,
    timeoutMs,
    wakeOn: wakeOnReferralEvents({ arrivals }, 'commission.created'),
    check: async (note) => {
      const { data } = await referral.listCommissions({ conversion: conversion.id });
      note(`${data.length} commissions for the conversion`);
      return data.length > 0 ? data : undefined;
    },
  });
  const commission = commissions[0]!;
  await evidence.attachJson('commission', commissions.length === 1 ? commission : commissions);
  evidence.timeline?.(
    momentAtUnixSeconds(
      'referral',
      `commission created (${formatMoney(commission.amount, commission.currency)})`,
      commission.created,
      commission.id,
    ),
  );
  expect(commissions.length, 'one conversion earns one commission (the partner is not paid twice)').toBe(1);
  expect(commission.partner, 'the commission goes to the partner of the conversion').toBe(conversion.partner);
  expect(commission.sale_amount, 'the commission is based on the sale amount excluding tax').toBe(saleAmount);
  expect(commission.currency, 'the commission is in the sale currency').toBe(conversion.currency);
  expect(commission.amount, `the commission is ${calculation.because}`).toBe(expectedAmount);
  expectAmountEquals(`the partner's commission ${commission.id}`, commission, {
    amount: agreedAmount,
    currency: conversion.currency,
    source: `the commission agreed in the catalogue for a sale of ${formatMoney(saleAmount, conversion.currency)}`,
  });
  expect(commission.status, 'a new commission is pending').toBe('pending');
  return commission;
}
