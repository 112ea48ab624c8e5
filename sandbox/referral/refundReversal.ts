import type Stripe from 'stripe';
import type { FaultSwitches } from '../faults';
import { commissionRounding } from './programFaults';
import type { CommissionStatus } from '../../contracts/referral';
import type { ReferralStore } from './store';
import type { WebhookSender } from './webhooks/webhookSender';
import { idOf } from './stripeIds';
import { unixNow } from './ids';

/** Statuses a refund still changes; a paid commission would need a clawback instead (not modelled yet). */
const REVERSIBLE: readonly CommissionStatus[] = ['pending', 'hold', 'processed'];

/**
 * `charge.refunded` → the commissions of the charge's conversions: a full refund makes them `refunded` with
 * amount 0, a partial one scales the amount by (sale − refunded) / sale. Charge amounts are cumulative, so a
 * repeated or late snapshot changes nothing. Each change is announced as `commission.refunded`.
 */
export function reverseRefundedCommissions(
  store: ReferralStore,
  sender: WebhookSender,
  event: Stripe.ChargeRefundedEvent,
  faults: FaultSwitches,
): string {
  // The defect referral.partial-refund-reverses-all: any refund is treated as a full one.
  const reverseAll = faults.has('referral.partial-refund-reverses-all');
  const round = commissionRounding(faults);
  const charge = event.data.object;
  const paymentIntent = idOf(charge.payment_intent);
  if (!paymentIntent) return `ignored: charge ${charge.id} has no payment intent`;
  const conversions = store.conversionsByPaymentIntent(paymentIntent);
  if (conversions.length === 0) return `ignored: no conversion for ${paymentIntent}`;

  const changed: string[] = [];
  for (const conversion of conversions) {
    for (const commission of store.commissionsOf(conversion.id)) {
      if (!REVERSIBLE.includes(commission.status)) continue;
      const sale = commission.sale_amount;
      const refundedSale =
        charge.refunded || charge.amount <= 0 || reverseAll
          ? sale
          : Math.min(sale, Math.round((sale * charge.amount_refunded) / charge.amount));
      const refundAmount = refundedSale - commission.refunded_sale_amount;
      if (refundAmount <= 0) continue;

      const previousStatus = commission.status;
      commission.refunded_sale_amount = refundedSale;
      if (refundedSale >= sale) {
        commission.status = 'refunded';
        commission.amount = 0;
      } else {
        commission.amount = round((commission.original_amount * (sale - refundedSale)) / sale);
      }
      commission.updated = unixNow();
      sender.publish('commission.refunded', { ...commission, previous_status: previousStatus, refund_amount: refundAmount });
      changed.push(commission.id);
    }
  }
  return changed.length > 0 ? `reversed ${changed.join(', ')}` : 'ignored: nothing left to reverse';
}
