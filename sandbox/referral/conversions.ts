import type { FaultSwitches } from '../faults';
import type { ReferralCommission, ReferralMetadata } from '../../contracts/referral';
import type { PlatformConversion } from './platformObjects';
import type { CustomerAttribution, ReferralStore } from './store';
import type { WebhookSender } from './webhooks/webhookSender';
import { commissionFor } from './commissionRule';
import { newId, unixNow } from './ids';
import { commissionRounding, effectiveProgram, recordedSaleAmount } from './programFaults';
import { creditedAttribution } from './partnerFaults';

const SECONDS_PER_DAY = 86_400;

export interface SaleFacts {
  source: PlatformConversion['source'];
  subscription: string | null;
  /** Every provider id that identifies this sale (a subscription checkout's session and its first invoice). */
  sourceIds: string[];
  paymentIntent: string | null;
  customerEmail: string | null;
  /** Sale base: amount excluding tax, minor units. */
  amount: number;
  quantity: number;
  currency: string;
  providerEvent: string | null;
  livemode: boolean;
  metadata: ReferralMetadata;
}

export type ConversionOutcome =
  { created: true; conversion: PlatformConversion; commission: ReferralCommission } | { created: false; existing: string };

function dedupeKey(sourceId: string, programId: string): string {
  return `${sourceId}|${programId}`;
}

/** Every id that claims a sale: its source ids and its payment intent (one conversion per payment intent too). */
function claimedIds(sale: SaleFacts): string[] {
  return sale.paymentIntent ? [...sale.sourceIds, sale.paymentIntent] : sale.sourceIds;
}

/**
 * Records one conversion and its pending commission for an attributed sale, once per (session, invoice or
 * payment intent, program), and announces both (`conversion.created`, `commission.created`).
 */
export function recordConversion(
  store: ReferralStore,
  sender: WebhookSender,
  faults: FaultSwitches,
  clickAttribution: CustomerAttribution,
  sale: SaleFacts,
): ConversionOutcome {
  const attribution = creditedAttribution(store, clickAttribution, faults);
  for (const sourceId of claimedIds(sale)) {
    const existing = store.conversionBySource.get(dedupeKey(sourceId, attribution.program));
    if (existing) return { created: false, existing };
  }
  const stored = store.programs.get(attribution.program);
  if (!stored) throw new Error(`Attribution names an unknown program '${attribution.program}'.`);
  const program = effectiveProgram(stored, faults);
  const saleAmount = recordedSaleAmount(sale.amount, sale.currency, faults);

  const now = unixNow();
  const conversion: PlatformConversion = {
    id: newId('conv'),
    object: 'conversion',
    click: attribution.click,
    partner: attribution.partner,
    program: program.id,
    source: sale.source,
    subscription: sale.subscription,
    payment_intent: sale.paymentIntent,
    customer_email: sale.customerEmail,
    amount: saleAmount,
    currency: sale.currency,
    provider_event: sale.providerEvent,
    livemode: sale.livemode,
    metadata: { ...sale.metadata },
    created: now,
  };
  const commissionAmount = commissionFor(program.rule, saleAmount, sale.quantity, commissionRounding(faults));
  const commission: ReferralCommission = {
    id: newId('cm'),
    object: 'commission',
    conversion: conversion.id,
    partner: attribution.partner,
    program: program.id,
    status: 'pending',
    amount: commissionAmount,
    original_amount: commissionAmount,
    currency: sale.currency,
    sale_amount: saleAmount,
    refunded_sale_amount: 0,
    rule: { ...program.rule },
    hold_until: now + program.hold_days * SECONDS_PER_DAY,
    metadata: { ...sale.metadata },
    created: now,
    updated: now,
  };
  store.conversions.set(conversion.id, conversion);
  store.commissions.set(commission.id, commission);
  for (const sourceId of claimedIds(sale)) store.conversionBySource.set(dedupeKey(sourceId, program.id), conversion.id);

  sender.publish('conversion.created', { ...conversion });
  sender.publish('commission.created', { ...commission });
  return { created: true, conversion, commission };
}
