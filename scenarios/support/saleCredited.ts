import {
  expectCommissionCreated,
  expectConversionAttributed,
  expectSinkReceived,
  type ExpectationContext,
  type SucceededPayment,
} from '../../src/expectations/index';
import type { ReferralPlatform } from '../../src/referral/referralPlatform';
import type { ReferralClick, ReferralCommission, ReferralConversion } from '../../src/referral/types';
import type { WebhookSink } from '../../src/webhooks/webhookSink';

/**
 * The partner is credited for the sale: the referral platform shows one conversion for the payment attributed to
 * the click, for the sale amount, and one pending commission equal to the programme's rule applied to it and to the
 * commission agreed (`agreedAmount`); with a `webhookSink`, conversion.created and commission.created reach it
 * with valid signatures. `saleAmount` and `currency` default to the payment's.
 */
export async function expectSaleCredited(
  context: { referral: ReferralPlatform; webhookSink?: WebhookSink },
  sale: { click: ReferralClick; paid: SucceededPayment; agreedAmount: number; saleAmount?: number; currency?: string },
  within: ExpectationContext,
): Promise<{ conversion: ReferralConversion; commission: ReferralCommission }> {
  const { referral, webhookSink } = context;
  const saleAmount = sale.saleAmount ?? sale.paid.saleAmount;
  const conversion = await expectConversionAttributed(
    referral,
    { click: sale.click, payment: sale.paid.payment, saleAmount, currency: sale.currency ?? sale.paid.currency },
    within,
  );
  const commission = await expectCommissionCreated(referral, { conversion, saleAmount, agreedAmount: sale.agreedAmount }, within);
  if (webhookSink) {
    await expectSinkReceived(webhookSink, { type: 'conversion.created', objectId: conversion.id }, within);
    await expectSinkReceived(webhookSink, { type: 'commission.created', objectId: commission.id }, within);
  }
  return { conversion, commission };
}
