import type Stripe from 'stripe';
import { invalidRequest, resourceMissing } from '../core/errors';
import { newId } from '../core/ids';
import { optionalObjectArray, optionalString, type Params } from '../core/params';
import type { ProviderServices } from '../core/services';
import { couponUnredeemableReason, redeemCoupon, refreshCouponValidity } from './couponObject';
import { addInterval } from './periods';
import { couponOfPromotionCode, promotionCodeUnredeemableReason } from './promotionCodeObject';

/** A coupon about to be applied, and the promotion code it came through (if any). */
export interface DiscountSource {
  coupon: Stripe.Coupon;
  promotionCode: Stripe.PromotionCode | null;
}

/** Who redeems a discount and on what: the checks a promotion code's restrictions and an `amount_off` currency need. */
export interface RedemptionContext {
  customer: string | null;
  currency: string;
  /** The amount before discounts, in minor units (for `restrictions.minimum_amount`). */
  subtotal: number;
  now: number;
}

/**
 * `discounts[0][coupon]` or `discounts[0][promotion_code]` (Checkout Sessions, subscriptions): "The coupon or
 * promotion code to apply … Currently, only up to one may be specified" (Stripe's 2023-08-16 spec). Each is checked
 * as Stripe redeems it: it exists, its coupon is still valid, an `amount_off` coupon is in the purchase's currency, and
 * a promotion code's restrictions hold (its customer, `minimum_amount` in `minimum_amount_currency`,
 * `first_time_transaction`). The error wordings are the sandbox's own.
 */
export function discountsParam(
  services: ProviderServices,
  params: Params,
  context: RedemptionContext,
  name = 'discounts',
): DiscountSource[] {
  if (params[name] === '') return [];
  const entries = optionalObjectArray(params, name) ?? [];
  if (entries.length > 1) throw invalidRequest('You may only specify one discount (a coupon or a promotion code).', { param: name });
  return entries.map((entry, i) => {
    const at = `${name}[${i}]`;
    for (const key of Object.keys(entry)) {
      if (key !== 'coupon' && key !== 'promotion_code')
        throw invalidRequest(`Received unknown parameter: ${at}[${key}]`, { param: `${at}[${key}]`, code: 'parameter_unknown' });
    }
    const couponId = optionalString(entry, 'coupon');
    const codeId = optionalString(entry, 'promotion_code');
    if (couponId !== undefined && codeId !== undefined)
      throw invalidRequest('You may only specify one of these parameters: coupon, promotion_code.', { param: at });
    if (couponId === undefined && codeId === undefined)
      throw invalidRequest(`Missing required param: ${at}[coupon] or ${at}[promotion_code].`, {
        param: `${at}[coupon]`,
        code: 'parameter_missing',
      });
    const source =
      couponId !== undefined
        ? couponSource(services, couponId, `${at}[coupon]`, context)
        : promotionCodeSource(services, codeId!, `${at}[promotion_code]`, context);
    checkCurrency(source.coupon, context.currency, at);
    return source;
  });
}

function couponSource(services: ProviderServices, id: string, param: string, context: RedemptionContext): DiscountSource {
  const coupon = services.store.get('coupon', id);
  if (!coupon) throw resourceMissing('coupon', id, param);
  const unredeemable = couponUnredeemableReason(refreshCouponValidity(coupon, context.now), context.now);
  if (unredeemable) throw invalidRequest(unredeemable, { param });
  return { coupon, promotionCode: null };
}

function promotionCodeSource(services: ProviderServices, id: string, param: string, context: RedemptionContext): DiscountSource {
  const promotionCode = services.store.get('promotion_code', id);
  if (!promotionCode) throw resourceMissing('promotion_code', id, param);
  const unredeemable = promotionCodeUnredeemableReason(services, promotionCode, context.now);
  if (unredeemable) throw invalidRequest(unredeemable, { param });
  const customer = typeof promotionCode.customer === 'string' ? promotionCode.customer : (promotionCode.customer?.id ?? null);
  if (customer !== null && customer !== context.customer)
    throw invalidRequest(`Promotion code ${promotionCode.code} is restricted to another customer.`, { param });
  const {
    minimum_amount: minimum,
    minimum_amount_currency: minimumCurrency,
    first_time_transaction: firstTime,
  } = promotionCode.restrictions;
  if (minimum !== null && (minimumCurrency !== context.currency || context.subtotal < minimum)) {
    throw invalidRequest(
      `Promotion code ${promotionCode.code} needs a purchase of at least ${minimum} ${minimumCurrency?.toUpperCase()} (in minor units).`,
      { param },
    );
  }
  if (firstTime && context.customer !== null && hasPaidBefore(services, context.customer)) {
    throw invalidRequest(`Promotion code ${promotionCode.code} is for customers' first purchase only.`, { param });
  }
  return { coupon: couponOfPromotionCode(services, promotionCode)!, promotionCode };
}

/** "Customers without any successful payments or invoices" (SDK types, `first_time_transaction`). */
function hasPaidBefore(services: ProviderServices, customer: string): boolean {
  return (
    services.store.all('charge').some((c) => c.customer === customer && c.status === 'succeeded') ||
    services.store.all('invoice').some((i) => i.customer === customer && i.status === 'paid' && i.amount_paid > 0)
  );
}

function checkCurrency(coupon: Stripe.Coupon, currency: string, param: string): void {
  if (coupon.amount_off !== null && coupon.currency !== currency) {
    throw invalidRequest(
      `Coupon ${coupon.id} takes ${coupon.amount_off} ${coupon.currency?.toUpperCase()} off and cannot apply to a purchase in ${currency.toUpperCase()}.`,
      { param },
    );
  }
}

export interface DiscountTarget {
  customer: string | null;
  subscription: string | null;
  /** Payment-mode Checkout only ("not present for subscription mode", SDK types). */
  checkoutSession: string | null;
  start: number;
}

/**
 * A stored Discount (SDK `Stripe.Discount`, this API version: the coupon under `source`, an id; before
 * 2025-09-30.clover a top-level `coupon` object). `end`: for a `repeating` coupon, `duration_in_months` after
 * `start`; null for `once` and `forever` (SDK types).
 */
export function newDiscount(services: ProviderServices, source: DiscountSource, target: DiscountTarget): Stripe.Discount {
  const { coupon, promotionCode } = source;
  const end =
    coupon.duration === 'repeating' && coupon.duration_in_months !== null
      ? addInterval(target.start, { interval: 'month', interval_count: coupon.duration_in_months })
      : null;
  return services.store.add('discount', {
    id: newId('di'),
    object: 'discount',
    checkout_session: target.checkoutSession,
    customer: target.customer,
    customer_account: null,
    end,
    invoice: null,
    invoice_item: null,
    promotion_code: promotionCode?.id ?? null,
    source: { coupon: coupon.id, type: 'coupon' },
    start: target.start,
    subscription: target.subscription,
    subscription_item: null,
  });
}

/** Counts one redemption of the discount's coupon and promotion code (`times_redeemed`). */
export function redeemDiscount(services: ProviderServices, discount: Stripe.Discount, now: number): void {
  const coupon = couponOfDiscount(services, discount);
  if (coupon) redeemCoupon(coupon, now);
  const code = typeof discount.promotion_code === 'string' ? services.store.get('promotion_code', discount.promotion_code) : undefined;
  if (code) code.times_redeemed += 1;
}

/** The coupon behind a discount, even if it was deleted since ("deleting a coupon does not affect any customers who have already applied the coupon"). */
export function couponOfDiscount(services: ProviderServices, discount: Stripe.Discount): Stripe.Coupon | undefined {
  const id = typeof discount.source.coupon === 'string' ? discount.source.coupon : discount.source.coupon?.id;
  return id ? (services.store.get('coupon', id) ?? services.store.deletedCoupons.get(id)) : undefined;
}

/**
 * What a coupon takes off `base` minor units: `percent_off` of it, rounded to the nearest unit (half up; Stripe
 * does not document its rounding), or `amount_off`, at most `base` (an `amount_off` coupon larger than the subtotal
 * makes it 0, Stripe's coupon description).
 */
export function couponAmount(coupon: Stripe.Coupon, base: number): number {
  if (base <= 0) return 0;
  if (coupon.percent_off !== null) {
    // Exact in integers: percent_off carries at most a few decimals (12.5 → 1250 hundredths of a percent).
    const hundredths = BigInt(Math.round(coupon.percent_off * 100));
    return Number((BigInt(base) * hundredths + 5000n) / 10000n);
  }
  return Math.min(coupon.amount_off ?? 0, base);
}

/**
 * Splits `total` over parts weighted by `weights` (line amounts) in whole units that add up to `total` exactly:
 * each part's floor of its share, the remainder one unit each to the largest fractions (ties: the earlier line).
 * How Stripe spreads a discount over lines is not documented; the sum is what Stripe shows as the discount.
 */
export function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + Math.max(0, b), 0);
  if (sum === 0 || total === 0) return weights.map(() => 0);
  const exact = weights.map((w) => BigInt(total) * BigInt(Math.max(0, w)));
  const parts = exact.map((e) => Number(e / BigInt(sum)));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((e, i) => ({ i, rest: e % BigInt(sum) }))
    .sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : a.i - b.i));
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}
