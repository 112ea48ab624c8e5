import type Stripe from 'stripe';
import { invalidRequest } from '../core/errors';
import type { Params } from '../core/params';
import type { ProviderServices } from '../core/services';
import {
  allocate,
  couponAmount,
  discountsParam,
  newDiscount,
  redeemDiscount,
  type DiscountSource,
  type RedemptionContext,
} from './discounts';

/**
 * A Checkout Session's `discounts` (one coupon or promotion code) and `allow_promotion_codes`, validated before the
 * session is written. Both at once is Stripe's 400 "You may only specify one of these parameters:
 * allow_promotion_codes, discounts." (quoted in stripe/stripe-php#1731, a Stripe engineer confirming the two are
 * exclusive: "we only allow one discount at a time").
 */
export function checkoutDiscountParams(services: ProviderServices, params: Params, context: RedemptionContext): DiscountSource[] {
  if (params.allow_promotion_codes !== undefined && params.discounts !== undefined && params.discounts !== '') {
    throw invalidRequest('You may only specify one of these parameters: allow_promotion_codes, discounts.', { param: 'discounts' });
  }
  return discountsParam(services, params, context);
}

/**
 * Applies a discount to the session's line items: the coupon's amount off their subtotal, spread over the items in
 * proportion to their amounts (`amount_discount`, `amount_total` per item). Returns the whole discount.
 */
export function discountLineItems(items: Stripe.LineItem[], sources: DiscountSource[]): number {
  const subtotal = items.reduce((sum, item) => sum + item.amount_subtotal, 0);
  let remaining = subtotal;
  let total = 0;
  for (const { coupon } of sources) {
    const amount = couponAmount(coupon, remaining);
    const shares = allocate(
      amount,
      items.map((item) => item.amount_total),
    );
    items.forEach((item, i) => {
      item.amount_discount += shares[i]!;
      item.amount_total -= shares[i]!;
    });
    remaining -= amount;
    total += amount;
  }
  return total;
}

/** The session's `discounts` field: `[{ coupon, promotion_code }]` (ids), as Stripe shows what was applied. */
export function sessionDiscountsField(sources: DiscountSource[]): Stripe.Checkout.Session.Discount[] {
  return sources.map(({ coupon, promotionCode }) => ({ coupon: coupon.id, promotion_code: promotionCode?.id ?? null }));
}

/** The coupons and promotion codes a session was created with, read back from its `discounts`. */
export function sessionDiscountSources(services: ProviderServices, session: Stripe.Checkout.Session): DiscountSource[] {
  return (session.discounts ?? []).flatMap((entry) => {
    const couponId = typeof entry.coupon === 'string' ? entry.coupon : entry.coupon?.id;
    const codeId = typeof entry.promotion_code === 'string' ? entry.promotion_code : entry.promotion_code?.id;
    const promotionCode = codeId ? (services.store.get('promotion_code', codeId) ?? null) : null;
    const coupon = couponId ? (services.store.get('coupon', couponId) ?? services.store.deletedCoupons.get(couponId)) : undefined;
    return coupon ? [{ coupon, promotionCode }] : [];
  });
}

/**
 * A payment-mode session's discounts become Discount objects when it is created (`checkout_session` set, as the SDK
 * types describe); they are redeemed (`times_redeemed`) when the session completes (`redeemSessionDiscounts`).
 */
export function recordPaymentSessionDiscounts(
  services: ProviderServices,
  session: Stripe.Checkout.Session,
  sources: DiscountSource[],
): void {
  const customer = typeof session.customer === 'string' ? session.customer : null;
  for (const source of sources)
    newDiscount(services, source, { customer, subscription: null, checkoutSession: session.id, start: session.created });
}

/** A completed payment-mode session redeems its discounts once. */
export function redeemSessionDiscounts(services: ProviderServices, session: Stripe.Checkout.Session, now: number): void {
  for (const discount of services.store.all('discount').filter((d) => d.checkout_session === session.id))
    redeemDiscount(services, discount, now);
}
