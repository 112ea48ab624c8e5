import Stripe from 'stripe';
import { newId, unixNow } from '../core/ids';

export interface PriceFields {
  product: string;
  currency: string;
  unitAmount: number | null;
  unitAmountDecimal?: string;
  recurring?: Stripe.Price.Recurring | null;
  lookupKey?: string | null;
  metadata?: Record<string, string>;
  active?: boolean;
  nickname?: string | null;
  taxBehavior?: Stripe.Price.TaxBehavior;
  livemode: boolean;
}

/** A new Price with every field Stripe returns (`unit_amount_decimal` is a Decimal, a string on the wire). */
export function newPriceObject(fields: PriceFields): Stripe.Price {
  return {
    id: newId('price'),
    object: 'price',
    active: fields.active ?? true,
    billing_scheme: 'per_unit',
    created: unixNow(),
    currency: fields.currency,
    custom_unit_amount: null,
    livemode: fields.livemode,
    lookup_key: fields.lookupKey ?? null,
    metadata: fields.metadata ?? {},
    nickname: fields.nickname ?? null,
    product: fields.product,
    recurring: fields.recurring ?? null,
    tax_behavior: fields.taxBehavior ?? 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: fields.recurring ? 'recurring' : 'one_time',
    unit_amount: fields.unitAmount,
    unit_amount_decimal: Stripe.Decimal.from(fields.unitAmountDecimal ?? String(fields.unitAmount ?? 0)),
  };
}
