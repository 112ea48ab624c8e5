import type Stripe from 'stripe';
import { invalidRequest, missingParam, resourceMissing } from '../core/errors';
import { unixNow } from '../core/ids';
import { LIST_PARAMS, paginate } from '../core/listing';
import {
  metadataParam,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalString,
  requiredCurrency,
  type Params,
} from '../core/params';
import type { ApiCall, ProviderServices, Resource } from '../core/services';
import { couponUnredeemableReason, refreshCouponValidity } from '../billing/couponObject';
import { newPromotionCode, promotionCodeUnredeemableReason, refreshPromotionCodeActive } from '../billing/promotionCodeObject';
import { changedFields } from './changedFields';

/** "Valid characters are lower case letters (a-z), upper case letters (A-Z), digits (0-9), and dashes (-)" (SDK types); at most 500 (spec). */
const CODE_PATTERN = /^[A-Za-z0-9-]+$/;

function findPromotionCode({ services, path }: ApiCall): Stripe.PromotionCode {
  const id = path.id ?? '';
  const code = services.store.get('promotion_code', id);
  if (!code) throw resourceMissing('promotion_code', id);
  return refreshPromotionCodeActive(services, code, unixNow());
}

/**
 * The coupon to promote: `promotion[type]=coupon&promotion[coupon]=…` (this API version), or the top-level `coupon`
 * older versions take (replaced in 2025-09-30.clover, stripe-node CHANGELOG). Both are accepted in every version.
 */
function couponParam(services: ProviderServices, params: Params, now: number): Stripe.Coupon {
  const promotion = optionalObject(params, 'promotion');
  if (promotion) {
    for (const key of Object.keys(promotion)) {
      if (key !== 'type' && key !== 'coupon')
        throw invalidRequest(`Received unknown parameter: promotion[${key}]`, { param: `promotion[${key}]`, code: 'parameter_unknown' });
    }
    if (optionalString(promotion, 'type') !== 'coupon')
      throw invalidRequest('Invalid promotion[type]: must be one of coupon', { param: 'promotion[type]' });
  }
  const param = promotion ? 'promotion[coupon]' : 'coupon';
  const id = promotion ? optionalString(promotion, 'coupon') : optionalString(params, 'coupon');
  if (!id) throw missingParam(param);
  const coupon = services.store.get('coupon', id);
  if (!coupon) throw resourceMissing('coupon', id, param);
  const unredeemable = couponUnredeemableReason(refreshCouponValidity(coupon, now), now);
  if (unredeemable) throw invalidRequest(unredeemable, { param });
  return coupon;
}

/** `restrictions[first_time_transaction|minimum_amount|minimum_amount_currency]` (`currency_options` not emulated). */
function restrictionsParam(params: Params): Stripe.PromotionCode.Restrictions {
  const raw = optionalObject(params, 'restrictions') ?? {};
  for (const key of Object.keys(raw)) {
    if (key === 'currency_options')
      throw invalidRequest('The sandbox provider does not emulate restrictions[currency_options].', {
        param: 'restrictions[currency_options]',
      });
    if (!['first_time_transaction', 'minimum_amount', 'minimum_amount_currency'].includes(key)) {
      throw invalidRequest(`Received unknown parameter: restrictions[${key}]`, {
        param: `restrictions[${key}]`,
        code: 'parameter_unknown',
      });
    }
  }
  const minimum = optionalInteger(raw, 'minimum_amount', 'restrictions[minimum_amount]');
  if (minimum !== undefined && minimum < 0) throw invalidRequest('Invalid non-negative integer', { param: 'restrictions[minimum_amount]' });
  const currency =
    minimum !== undefined ? requiredCurrency(raw, 'minimum_amount_currency', 'restrictions[minimum_amount_currency]') : undefined;
  const firstTime = raw.first_time_transaction === undefined ? undefined : optionalBoolean({ v: raw.first_time_transaction }, 'v');
  return { first_time_transaction: firstTime ?? false, minimum_amount: minimum ?? null, minimum_amount_currency: currency ?? null };
}

/**
 * `/v1/promotion_codes` (Stripe's API reference, SDK `PromotionCodeResource`: no delete): create, retrieve, update
 * (`active`, `metadata`), list (`active`, case-insensitive `code`, `coupon`, `customer`). Events
 * `promotion_code.created|updated`. A code is unique among active codes regardless of case; its `expires_at` may not
 * pass the coupon's `redeem_by` nor its `max_redemptions` the coupon's (API reference). Error wordings are the sandbox's.
 */
export const promotionCodes: Resource = {
  endpoints: [
    {
      method: 'POST',
      path: '/v1/promotion_codes',
      params: ['promotion', 'coupon', 'code', 'active', 'customer', 'expires_at', 'max_redemptions', 'metadata', 'restrictions'],
      handle({ params, services, request }) {
        const now = unixNow();
        const coupon = couponParam(services, params, now);
        const code = optionalString(params, 'code');
        if (code !== undefined && (code.length > 500 || !CODE_PATTERN.test(code))) {
          throw invalidRequest('Invalid code: use letters, digits and dashes only.', { param: 'code' });
        }
        const customer = optionalString(params, 'customer');
        if (customer !== undefined && !services.store.get('customer', customer)) throw resourceMissing('customer', customer, 'customer');
        const active = optionalBoolean(params, 'active') ?? true;
        if (code !== undefined && active && activeCodeTaken(services, code, customer ?? null, now)) {
          throw invalidRequest(`An active promotion code with code ${code} already exists.`, { param: 'code' });
        }
        const expiresAt = optionalInteger(params, 'expires_at');
        if (expiresAt !== undefined && expiresAt <= now)
          throw invalidRequest('`expires_at` must be in the future.', { param: 'expires_at' });
        if (expiresAt !== undefined && coupon.redeem_by !== null && expiresAt > coupon.redeem_by) {
          throw invalidRequest("The promotion code's `expires_at` cannot be after its coupon's `redeem_by`.", { param: 'expires_at' });
        }
        const maxRedemptions = optionalInteger(params, 'max_redemptions');
        if (maxRedemptions !== undefined && maxRedemptions < 1)
          throw invalidRequest('Invalid positive integer', { param: 'max_redemptions' });
        if (maxRedemptions !== undefined && coupon.max_redemptions !== null && maxRedemptions > coupon.max_redemptions) {
          throw invalidRequest("The promotion code's `max_redemptions` cannot be greater than its coupon's `max_redemptions`.", {
            param: 'max_redemptions',
          });
        }
        const promotionCode = newPromotionCode({
          code,
          coupon,
          active,
          customer: customer ?? null,
          expiresAt: expiresAt ?? null,
          maxRedemptions: maxRedemptions ?? null,
          metadata: metadataParam(params) ?? {},
          restrictions: restrictionsParam(params),
          created: now,
          livemode: services.store.livemode,
        });
        services.store.add('promotion_code', promotionCode);
        services.events.emit('promotion_code.created', promotionCode, { request });
        return promotionCode;
      },
    },
    { method: 'GET', path: '/v1/promotion_codes/:id', params: [], handle: findPromotionCode },
    {
      method: 'POST',
      path: '/v1/promotion_codes/:id',
      params: ['active', 'metadata', 'restrictions'],
      handle(call) {
        const promotionCode = findPromotionCode(call);
        const { params, services } = call;
        const now = unixNow();
        if (optionalObject(params, 'restrictions')) {
          throw invalidRequest(
            'The sandbox provider does not emulate restrictions[currency_options] (the only restriction Stripe lets you update).',
            { param: 'restrictions' },
          );
        }
        const active = optionalBoolean(params, 'active');
        const metadata = metadataParam(params, promotionCode.metadata ?? {});
        if (active === true && !promotionCode.active) {
          // "A promotion code can only be reactivated when the coupon is still valid and the promotion code is otherwise redeemable."
          const blocked = promotionCodeUnredeemableReason(services, { ...promotionCode, active: true }, now);
          if (blocked) throw invalidRequest(`This promotion code cannot be reactivated: ${blocked}`, { param: 'active' });
          if (activeCodeTaken(services, promotionCode.code, idOf(promotionCode.customer), now)) {
            throw invalidRequest(`An active promotion code with code ${promotionCode.code} already exists.`, { param: 'active' });
          }
        }
        const before = { ...promotionCode };
        if (active !== undefined) promotionCode.active = active;
        if (metadata !== undefined) promotionCode.metadata = metadata;
        const previous = changedFields(before, promotionCode);
        if (previous) services.events.emit('promotion_code.updated', promotionCode, { request: call.request, previous });
        return promotionCode;
      },
    },
    {
      method: 'GET',
      path: '/v1/promotion_codes',
      params: [...LIST_PARAMS, 'active', 'code', 'coupon', 'customer'],
      handle({ params, services }) {
        const now = unixNow();
        const active = optionalBoolean(params, 'active');
        const code = optionalString(params, 'code')?.toLowerCase();
        const coupon = optionalString(params, 'coupon');
        const customer = optionalString(params, 'customer');
        const items = services.store
          .all('promotion_code')
          .map((p) => refreshPromotionCodeActive(services, p, now))
          .filter(
            (p) =>
              (active === undefined || p.active === active) &&
              (code === undefined || p.code.toLowerCase() === code) &&
              (coupon === undefined || p.promotion.coupon === coupon) &&
              (customer === undefined || p.customer === customer),
          );
        return paginate(items, params, '/v1/promotion_codes', 'promotion_code');
      },
    },
  ],
};

/** Another active code with this code (regardless of case) for the same customer (or for everyone). */
function activeCodeTaken(services: ProviderServices, code: string, customer: string | null, now: number): boolean {
  return services.store
    .all('promotion_code')
    .some(
      (p) =>
        refreshPromotionCodeActive(services, p, now).active && p.code.toLowerCase() === code.toLowerCase() && idOf(p.customer) === customer,
    );
}

function idOf(value: string | { id: string } | null): string | null {
  return value === null ? null : typeof value === 'string' ? value : value.id;
}
