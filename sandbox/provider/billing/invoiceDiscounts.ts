import type Stripe from 'stripe';
import { allocate, couponAmount } from './discounts';

/** A discount applied to an invoice, with its coupon (kept even when the coupon was deleted since). */
export interface AppliedDiscount {
  discount: Stripe.Discount;
  coupon: Stripe.Coupon;
}

/**
 * Applies discounts to a draft invoice as Stripe shows them (SDK `Stripe.Invoice`, `Stripe.InvoiceLineItem`): each
 * coupon's amount off the discountable lines (prorations are not discountable) is spread over them
 * (`discount_amounts`, `discounts`, `pretax_credit_amounts` of type `discount` per line) and summed on the invoice
 * (`discounts`, `total_discount_amounts`, `total_pretax_credit_amounts`); `total` is `subtotal` less them.
 */
export function applyInvoiceDiscounts(invoice: Stripe.Invoice, discounts: AppliedDiscount[]): void {
  const lines = invoice.lines.data.filter((line) => line.discountable && line.amount > 0);
  const left = lines.map((line) => line.amount);
  const totals: { amount: number; discount: string }[] = [];
  for (const { discount, coupon } of discounts) {
    const amount = couponAmount(
      coupon,
      left.reduce((a, b) => a + b, 0),
    );
    const shares = allocate(amount, left);
    lines.forEach((line, i) => {
      const share = shares[i]!;
      left[i]! -= share;
      line.discount_amounts = [...(line.discount_amounts ?? []), { amount: share, discount: discount.id }];
      line.discounts = [...line.discounts, discount.id];
      line.pretax_credit_amounts = [...(line.pretax_credit_amounts ?? []), { amount: share, discount: discount.id, type: 'discount' }];
    });
    totals.push({ amount, discount: discount.id });
  }
  invoice.discounts = discounts.map(({ discount }) => discount.id);
  invoice.total_discount_amounts = totals;
  invoice.total_pretax_credit_amounts = totals.map(({ amount, discount }) => ({ amount, discount, type: 'discount' }));
  const total = invoice.subtotal - totals.reduce((sum, t) => sum + t.amount, 0);
  invoice.total = total;
  invoice.total_excluding_tax = total;
  // A negative total (a credit proration larger than the charges) is nothing due; finalizing credits it to the customer.
  invoice.amount_due = Math.max(0, total);
  invoice.amount_remaining = invoice.amount_due;
}
