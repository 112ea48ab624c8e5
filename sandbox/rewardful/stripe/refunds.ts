import type Stripe from 'stripe';
import type { RewardfulContext } from '../context';
import { renderCommission, renderSale } from '../render';
import { isoNow } from '../ids';

/**
 * `charge.refunded` → the sale's `refund_amount_cents` and its unpaid commission: "If a commission has not been paid
 * yet and the customer receives a partial refund, the commission amount will be recalculated"; on a full refund "the
 * corresponding commission record is deleted" (https://rewardful.com/automated-refund-handling). Webhooks: sale.refunded,
 * commission.updated, commission.deleted (https://developers.rewardful.com/webhooks/event-types).
 * guess: the recalculation scales the commission by (sale − refunded share of the sale) / sale, rounded; the refunded
 * share of the sale is the refunded share of the charge (refunds are of the charge, tax included). A paid commission
 * is left alone (no clawback is documented).
 */
export function applyRefund(context: RewardfulContext, charge: Stripe.Charge): string {
  const { store, sender, faults } = context;
  const sale = store.saleOfCharge(charge.id);
  if (!sale) return `ignored: charge ${charge.id} is no referred sale`;
  if (faults.has('rewardful.refund-ignored')) return 'ignored: fault rewardful.refund-ignored is on';
  if (charge.amount_refunded <= sale.refund_amount_cents) return `ignored: nothing new refunded on ${charge.id}`;

  const now = isoNow();
  sale.refund_amount_cents = charge.amount_refunded;
  sale.updated_at = now;
  sender.publish('sale.refunded', renderSale(store, sale));

  const fullyRefunded = charge.refunded || charge.amount_refunded >= sale.charge_amount_cents;
  const refundedShare = sale.charge_amount_cents > 0 ? Math.min(1, charge.amount_refunded / sale.charge_amount_cents) : 1;
  const changed: string[] = [];
  for (const commission of store.commissionsOfSale(sale.id)) {
    if (commission.state !== 'pending' && commission.state !== 'due') continue;
    if (fullyRefunded) {
      const last = renderCommission(store, commission, 'all');
      store.commissions.delete(commission.id);
      sender.publish('commission.deleted', last);
      changed.push(`deleted ${commission.id}`);
      continue;
    }
    const saleLeft = sale.sale_amount_cents - Math.round(sale.sale_amount_cents * refundedShare);
    commission.amount = sale.sale_amount_cents > 0 ? Math.round((commission.original_amount * saleLeft) / sale.sale_amount_cents) : 0;
    commission.updated_at = now;
    sender.publish('commission.updated', renderCommission(store, commission, 'all'));
    changed.push(`recalculated ${commission.id} to ${commission.amount}`);
  }
  return changed.length > 0 ? changed.join(', ') : 'no unpaid commission to change';
}
