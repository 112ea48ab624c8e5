import type Stripe from 'stripe';
import { newId, unixNow } from '../core/ids';
import type { ProviderServices } from '../core/services';
import { recordBalanceTransaction } from './balanceTransactionObject';

/**
 * A succeeded refund of `amount` of `charge`, stored, with its balance transaction when money moves back
 * (`moveBalance`: not for releasing an uncaptured authorization, which never moved any). The caller updates the
 * charge and emits the events. `cardType`: Stripe's `destination_details.card.type` (`refund`, or `reversal` for an
 * uncaptured part released).
 */
export function recordRefund(
  services: ProviderServices,
  charge: Stripe.Charge,
  refund: {
    amount: number;
    reason: Stripe.Refund.Reason | null;
    metadata: Stripe.Metadata;
    cardType: 'refund' | 'reversal';
    moveBalance: boolean;
  },
): Stripe.Refund {
  const card: Stripe.Refund.DestinationDetails.Card =
    refund.cardType === 'refund'
      ? { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' }
      : { type: 'reversal' };
  const created: Stripe.Refund = {
    id: newId('re'),
    object: 'refund',
    amount: refund.amount,
    balance_transaction: null,
    charge: charge.id,
    created: unixNow(),
    currency: charge.currency,
    customer: charge.customer,
    customer_account: null,
    destination_details: { card, type: 'card' },
    metadata: refund.metadata,
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: refund.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
  if (refund.moveBalance) {
    const description = charge.description ? `REFUND FOR CHARGE (${charge.description})` : 'REFUND FOR CHARGE';
    created.balance_transaction = recordBalanceTransaction(services, {
      amount: -refund.amount,
      currency: charge.currency,
      source: created.id,
      type: 'refund',
      description,
    }).id;
  }
  services.store.add('refund', created);
  return created;
}
