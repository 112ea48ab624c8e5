import type Stripe from 'stripe';
import { newId, unixNow } from '../core/ids';
import type { ProviderServices } from '../core/services';

export interface BalanceMovement {
  /** Signed, in the smallest currency unit: positive for a charge, negative for a refund. */
  amount: number;
  currency: string;
  /** The charge or refund id that moved the balance. */
  source: string;
  type: 'charge' | 'refund';
  description: string | null;
}

/**
 * Records the balance transaction (`txn_…`) of a succeeded charge or refund. The sandbox charges no
 * fees (`fee: 0`, `fee_details: []`, `net === amount`) and settles at once (`status: 'available'`,
 * `available_on === created`); Stripe takes fees and makes funds available days later.
 */
export function recordBalanceTransaction(services: ProviderServices, movement: BalanceMovement): Stripe.BalanceTransaction {
  const created = unixNow();
  return services.store.add('balance_transaction', {
    id: newId('txn'),
    object: 'balance_transaction',
    amount: movement.amount,
    available_on: created,
    balance_type: 'payments',
    created,
    currency: movement.currency,
    description: movement.description,
    exchange_rate: null,
    fee: 0,
    fee_details: [],
    net: movement.amount,
    reporting_category: movement.type,
    source: movement.source,
    status: 'available',
    type: movement.type,
  });
}
