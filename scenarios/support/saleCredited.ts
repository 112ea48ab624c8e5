import {
  expectCommissionCreated,
  expectConversionAttributed,
  type ExpectationContext,
  type SucceededPayment,
} from '../../src/run/expectations/index';
import { expectReferralEventDelivered } from '../../src/run/expectations/expectReferralEventDelivered';
import type { ReferralPlatform } from '../../src/model/target/referralPlatform';
import type { ReferralClick, ReferralCommission, ReferralConversion } from '../../contracts/referral';
import type { WebhookSink } from '../../src/run/webhooks/webhookSink';

/**
 * The partner is credited for the sale: the referral platform shows one conversion for the payment attributed to
 * the click, for the sale amount, and one pending commission equal to the programme's rule applied to it and to the
 * commission agreed (`agreedAmount`). `saleAmount` and `currency` default to the payment's. Its announcement is
 * `expectSaleAnnounced`'s (the webhooks-delivered item's, not this one's).
 */
export async function expectSaleCredited(
  context: { referral: ReferralPlatform },
  sale: { click: ReferralClick; paid: SucceededPayment; agreedAmount: number; saleAmount?: number; currency?: string },
  within: ExpectationContext,
): Promise<{ conversion: ReferralConversion; commission: ReferralCommission }> {
  const { referral } = context;
  const saleAmount = sale.saleAmount ?? sale.paid.saleAmount;
  const conversion = await expectConversionAttributed(
    referral,
    { click: sale.click, payment: sale.paid.payment, saleAmount, currency: sale.currency ?? sale.paid.currency },
    within,
  );
  const commission = await expectCommissionCreated(referral, { conversion, saleAmount, agreedAmount: sale.agreedAmount }, within);
  return { conversion, commission };
}

/**
 * The platform announced the sale: conversion.created and commission.created reached each of the merchant's own
 * endpoints that receive them (its delivery log) and, when the run has a sink the platform reaches, the sink, signed.
 */
export async function expectSaleAnnounced(
  context: { referral: ReferralPlatform; webhookSink?: WebhookSink },
  sale: { conversion: ReferralConversion; commission: ReferralCommission },
  within: ExpectationContext,
): Promise<void> {
  await expectReferralEventDelivered(context, { type: 'conversion.created', objectId: sale.conversion.id }, within);
  await expectReferralEventDelivered(context, { type: 'commission.created', objectId: sale.commission.id }, within);
}
