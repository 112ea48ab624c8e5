import type Stripe from 'stripe';
import { newId, randomBase62 } from '../core/ids';
import type { ProviderServices } from '../core/services';
import { couponUnredeemableReason } from './couponObject';

export interface PromotionCodeFields {
  code: string | undefined;
  coupon: Stripe.Coupon;
  active: boolean;
  customer: string | null;
  expiresAt: number | null;
  maxRedemptions: number | null;
  metadata: Record<string, string>;
  restrictions: Stripe.PromotionCode.Restrictions;
  created: number;
  livemode: boolean;
}

/**
 * A new PromotionCode in this API version's shape (SDK `Stripe.PromotionCode`: the coupon under
 * `promotion: { type: 'coupon', coupon }`, an id; before 2025-09-30.clover it was a top-level `coupon` object, per
 * stripe-node's CHANGELOG). Without a `code` Stripe generates one; the sandbox's are 8 upper-case letters and digits.
 */
export function newPromotionCode(fields: PromotionCodeFields): Stripe.PromotionCode {
  return {
    id: newId('promo'),
    object: 'promotion_code',
    active: fields.active,
    code: fields.code ?? randomBase62(8).toUpperCase(),
    created: fields.created,
    customer: fields.customer,
    customer_account: null,
    expires_at: fields.expiresAt,
    livemode: fields.livemode,
    max_redemptions: fields.maxRedemptions,
    metadata: fields.metadata,
    promotion: { coupon: fields.coupon.id, type: 'coupon' },
    restrictions: fields.restrictions,
    times_redeemed: 0,
  };
}

/** The coupon a promotion code redeems (still found when the coupon was deleted since). */
export function couponOfPromotionCode(services: ProviderServices, code: Stripe.PromotionCode): Stripe.Coupon | undefined {
  const id = typeof code.promotion.coupon === 'string' ? code.promotion.coupon : code.promotion.coupon?.id;
  if (!id) return undefined;
  return services.store.get('coupon', id) ?? services.store.deletedCoupons.get(id);
}

/**
 * Why a promotion code cannot be redeemed at `now` (ignoring who redeems it and for what amount), or undefined:
 * inactive, expired (`expires_at`), used up (`max_redemptions`), or its coupon no longer valid or deleted ("a
 * promotion code is only active if the coupon is also valid", SDK types). The wording is the sandbox's.
 */
export function promotionCodeUnredeemableReason(services: ProviderServices, code: Stripe.PromotionCode, now: number): string | undefined {
  if (!code.active) return `Promotion code ${code.code} is inactive.`;
  if (code.expires_at !== null && now > code.expires_at) return `Promotion code ${code.code} expired at ${code.expires_at}.`;
  if (code.max_redemptions !== null && code.times_redeemed >= code.max_redemptions) {
    return `Promotion code ${code.code} has been redeemed the maximum number of times (${code.max_redemptions}).`;
  }
  const coupon = couponOfPromotionCode(services, code);
  if (!coupon || !services.store.get('coupon', coupon.id)) return `The coupon of promotion code ${code.code} was deleted.`;
  return couponUnredeemableReason(coupon, now);
}

/**
 * Stripe's `active` as read: a code whose coupon is no longer valid (or deleted), that expired or that is used up
 * reads `active: false` from then on (how Stripe turns a used-up code off is not documented; the sandbox's reading).
 */
export function refreshPromotionCodeActive(services: ProviderServices, code: Stripe.PromotionCode, now: number): Stripe.PromotionCode {
  if (code.active && promotionCodeUnredeemableReason(services, code, now) !== undefined) code.active = false;
  return code;
}
