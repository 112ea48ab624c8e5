import type Stripe from 'stripe';
import { randomBase62 } from '../core/ids';

export interface CouponFields {
  id?: string;
  percentOff: number | null;
  amountOff: number | null;
  currency: string | null;
  duration: 'forever' | 'once' | 'repeating';
  durationInMonths: number | null;
  maxRedemptions: number | null;
  redeemBy: number | null;
  name: string | null;
  metadata: Record<string, string>;
  created: number;
  livemode: boolean;
}

/**
 * A new Coupon with every field Stripe returns (the SDK's `Stripe.Coupon`; `applies_to` and `currency_options` are
 * includable only, so absent). Without an `id` Stripe makes an 8-character one (its example: `jMT0WJUD`).
 */
export function newCoupon(fields: CouponFields): Stripe.Coupon {
  return {
    id: fields.id ?? randomBase62(8),
    object: 'coupon',
    amount_off: fields.amountOff,
    created: fields.created,
    currency: fields.currency,
    duration: fields.duration,
    duration_in_months: fields.durationInMonths,
    livemode: fields.livemode,
    max_redemptions: fields.maxRedemptions,
    metadata: fields.metadata,
    name: fields.name,
    percent_off: fields.percentOff,
    redeem_by: fields.redeemBy,
    times_redeemed: 0,
    valid: true,
  };
}

/**
 * Why a coupon can no longer be redeemed at `now`, or undefined while it can. Stripe's `valid` ("taking account of
 * the above properties, whether this coupon can still be applied to a customer", SDK types): `redeem_by` passed or
 * `max_redemptions` reached. The reasons' wording is the sandbox's own.
 */
export function couponUnredeemableReason(coupon: Stripe.Coupon, now: number): string | undefined {
  if (coupon.redeem_by !== null && now > coupon.redeem_by) return `Coupon ${coupon.id} expired at ${coupon.redeem_by} (redeem_by).`;
  if (coupon.max_redemptions !== null && coupon.times_redeemed >= coupon.max_redemptions) {
    return `Coupon ${coupon.id} has been redeemed the maximum number of times (${coupon.max_redemptions}).`;
  }
  return undefined;
}

/** Recomputes `valid` at `now` (the sandbox does it when a coupon is read or redeemed). */
export function refreshCouponValidity(coupon: Stripe.Coupon, now: number): Stripe.Coupon {
  coupon.valid = couponUnredeemableReason(coupon, now) === undefined;
  return coupon;
}

/** One more redemption: `times_redeemed` + 1 and `valid` recomputed (Stripe writes no event for it). */
export function redeemCoupon(coupon: Stripe.Coupon, now: number): void {
  coupon.times_redeemed += 1;
  refreshCouponValidity(coupon, now);
}
