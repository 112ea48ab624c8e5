import { expect } from '@playwright/test';
import type Stripe from 'stripe';
import { momentAtUnixSeconds } from '../evidence/timeline';
import { formatMoney } from '../../base/formatMoney';
import { pollUntil } from '../polling/pollUntil';
import type { ReferralPlatform } from '../../model/target/referralPlatform';
import type { ReferralClick, ReferralCommission, ReferralConversion } from '../../../contracts/referral';
import { commissionCalculation } from './commissionCalculation';
import { expectAmountEquals } from './expectAmountEquals';
import type { ExpectationContext } from './expectationContext';
import { describeInvoiceConversionLookups, describeInvoiceSaleKeys, findInvoiceConversions, invoiceSaleKeys } from './invoiceConversion';
import { wakeOnReferralEvents } from './wakeOnEvents';

/**
 * For one paid invoice of an attributed subscription, the referral platform shows a conversion for it credited to
 * the click's partner, and a pending commission equal to the program's rule applied to the invoice's sale amount, as
 * the harness computes it, and to the commission agreed per invoice (`agreedAmount`: the plan's expectedCommission in
 * the catalogue). The conversion is found under the invoice, as real Stripe has a subscription's payment (a
 * subscription Checkout Session has no payment intent): by the invoice, the subscription, or the payment intent of
 * the invoice's payment (`invoice.payments`, when the invoice was read with them: expectInvoicePaid does). `which`
 * names the invoice in messages; a missing conversion names every place it was looked for.
 */
export async function expectSubscriptionCommission(
  referral: ReferralPlatform,
  expected: {
    which: 'first' | 'renewal';
    subscriptionId: string;
    invoice: Stripe.Invoice;
    click: ReferralClick;
    saleAmount: number;
    currency: string;
    agreedAmount: number;
  },
  { evidence, timeoutMs, arrivals }: ExpectationContext,
): Promise<{ conversion: ReferralConversion; commission: ReferralCommission }> {
  const { which, subscriptionId, click, saleAmount } = expected;
  const keys = invoiceSaleKeys(expected.invoice, subscriptionId);
  // One wait for both, so a missing one is named as what the partner misses: the commission.
  const { value: found } = await pollUntil({
    what: `a ${which} commission for invoice ${keys.invoiceId} of subscription ${subscriptionId} (a conversion with ${describeInvoiceSaleKeys(keys)}, and its commission)`,
    where: `the referral platform's API (${describeInvoiceConversionLookups(keys)}, GET /v1/commissions?conversion=…)`,
    timeoutMs,
    wakeOn: wakeOnReferralEvents({ arrivals }, 'commission.created'),
    check: async (note) => {
      const { conversions, others } = await findInvoiceConversions(referral, keys);
      const conversion = conversions[0];
      if (!conversion) {
        note(`no conversion with ${describeInvoiceSaleKeys(keys)}` + (others.length ? ` (others: ${describeConversions(others)})` : ''));
        return undefined;
      }
      const commissions = await referral.listCommissions({ conversion: conversion.id });
      note(`conversion ${conversion.id} for the invoice, ${commissions.data.length} commissions for it`);
      const commission = commissions.data[0];
      return commission ? { conversion, commission } : undefined;
    },
  });
  const { conversion, commission } = found;
  await evidence.attachJson(`${which} conversion`, conversion);

  const calculation = await commissionCalculation(referral, {
    programId: conversion.program,
    saleAmount,
    agreedAmount: expected.agreedAmount,
    currency: expected.currency,
  });
  const { expectedAmount } = calculation;
  await evidence.attachJson(`${which} commission calculation`, calculation.evidence);
  await evidence.attachJson(`${which} commission`, commission);
  evidence.timeline?.(
    momentAtUnixSeconds(
      'referral',
      `${which} conversion recorded (${formatMoney(conversion.amount, conversion.currency)})`,
      conversion.created,
      conversion.id,
    ),
  );
  evidence.timeline?.(
    momentAtUnixSeconds(
      'referral',
      `${which} commission created (${formatMoney(commission.amount, commission.currency)})`,
      commission.created,
      commission.id,
    ),
  );

  expect(conversion.partner, `the ${which} conversion is credited to the partner of the click`).toBe(click.partner);
  expectAmountEquals(`the sale amount of the ${which} conversion ${conversion.id}`, conversion, {
    amount: saleAmount,
    currency: expected.currency,
    source: "the invoice's amount excluding tax",
  });
  expect(commission.partner, `the ${which} commission goes to the partner of the click`).toBe(click.partner);
  expect(commission.amount, `the ${which} commission is ${calculation.because}`).toBe(expectedAmount);
  expectAmountEquals(`the partner's ${which} commission ${commission.id}`, commission, {
    amount: expected.agreedAmount,
    currency: expected.currency,
    source: `the commission agreed in the catalogue per invoice of ${formatMoney(saleAmount, expected.currency)}`,
  });
  expect(commission.status, `the ${which} commission is pending`).toBe('pending');
  return found;
}

/** "conv_1 (invoice in_2), conv_3 (checkout.session cs_4)", at most five. */
function describeConversions(conversions: ReferralConversion[]): string {
  const shown = conversions
    .slice(0, 5)
    .map((c) => `${c.id} (${c.source.type} ${c.source.id})`)
    .join(', ');
  return conversions.length > 5 ? `${shown}, …` : shown;
}
