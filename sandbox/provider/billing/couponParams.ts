import { invalidRequest, missingParam } from '../core/errors';
import { oneOf, optionalInteger, optionalString, requiredCurrency, type Params } from '../core/params';
import type { CouponFields } from './couponObject';

/** Stripe's limit on a coupon's `redeem_by` ("cannot be set to more than 5 years in the future", SDK types). */
const FIVE_YEARS_S = 5 * 366 * 24 * 60 * 60;
/** `name`'s `maxLength` in Stripe's 2023-08-16 spec (`id`'s is 5000). */
const MAX_NAME_LENGTH = 40;

/**
 * `POST /v1/coupons` parameters, validated before anything is written. The rules are Stripe's API reference (the
 * 2023-08-16 spec and the SDK's `CouponCreateParams`): either `percent_off` (0 < p ≤ 100) or `amount_off` with
 * `currency`; `duration` defaults to `once`; `duration_in_months` only (and then required) with `repeating`;
 * `max_redemptions` a positive integer; `redeem_by` at most 5 years ahead. Which of several faults Stripe reports
 * first, and the messages' wording (but for "You may only specify one of these parameters", Stripe's usual one),
 * are the sandbox's own.
 */
export function couponFieldsFromParams(params: Params, now: number): Omit<CouponFields, 'id' | 'metadata' | 'created' | 'livemode'> {
  const percentOff = optionalPercent(params, 'percent_off');
  const amountOff = optionalInteger(params, 'amount_off');
  if (percentOff !== undefined && amountOff !== undefined) {
    throw invalidRequest('You may only specify one of these parameters: amount_off, percent_off.', { param: 'amount_off' });
  }
  if (percentOff === undefined && amountOff === undefined) {
    throw invalidRequest('You must pass either `percent_off` or `amount_off` (with `currency`) to create a coupon.', {
      param: 'percent_off',
      code: 'parameter_missing',
    });
  }
  if (percentOff !== undefined && (percentOff <= 0 || percentOff > 100)) {
    throw invalidRequest('Invalid percent_off: must be larger than 0 and smaller than or equal to 100.', { param: 'percent_off' });
  }
  if (amountOff !== undefined && amountOff < 1) throw invalidRequest('Invalid positive integer', { param: 'amount_off' });
  const currency = amountOff !== undefined ? requiredCurrency(params, 'currency') : undefined;
  if (amountOff === undefined && params.currency !== undefined) {
    throw invalidRequest('`currency` can only be set on a coupon with `amount_off`.', { param: 'currency' });
  }
  const duration = oneOf(params, 'duration', ['forever', 'once', 'repeating'] as const) ?? 'once';
  const months = optionalInteger(params, 'duration_in_months');
  if (duration === 'repeating' && months === undefined) throw missingParam('duration_in_months');
  if (duration !== 'repeating' && months !== undefined) {
    throw invalidRequest('`duration_in_months` can only be set when `duration` is `repeating`.', { param: 'duration_in_months' });
  }
  if (months !== undefined && months < 1) throw invalidRequest('Invalid positive integer', { param: 'duration_in_months' });
  const maxRedemptions = optionalInteger(params, 'max_redemptions');
  if (maxRedemptions !== undefined && maxRedemptions < 1) throw invalidRequest('Invalid positive integer', { param: 'max_redemptions' });
  const redeemBy = optionalInteger(params, 'redeem_by');
  if (redeemBy !== undefined && redeemBy <= now) throw invalidRequest('`redeem_by` must be in the future.', { param: 'redeem_by' });
  if (redeemBy !== undefined && redeemBy > now + FIVE_YEARS_S) {
    throw invalidRequest('`redeem_by` cannot be set to more than 5 years in the future.', { param: 'redeem_by' });
  }
  return {
    percentOff: percentOff ?? null,
    amountOff: amountOff ?? null,
    currency: currency ?? null,
    duration,
    durationInMonths: months ?? null,
    maxRedemptions: maxRedemptions ?? null,
    redeemBy: redeemBy ?? null,
    name: couponName(params) ?? null,
  };
}

/** `name`: shown to customers on invoices and receipts; at most 40 characters. */
export function couponName(params: Params): string | null | undefined {
  const name = optionalString(params, 'name');
  if (name === undefined) return undefined;
  if (name.length > MAX_NAME_LENGTH)
    throw invalidRequest(`Invalid name: must be at most ${MAX_NAME_LENGTH} characters.`, { param: 'name' });
  return name === '' ? null : name;
}

/**
 * A custom coupon `id` (at most 5000 characters, the spec's `maxLength`). Which characters Stripe allows is not in its
 * reference; the sandbox takes letters, digits, `_` and `-` (an id is part of the coupon's URL).
 */
export function couponIdParam(params: Params): string | undefined {
  const id = optionalString(params, 'id');
  if (id === undefined) return undefined;
  if (!/^[A-Za-z0-9_-]{1,5000}$/.test(id)) throw invalidRequest('Invalid id: use letters, digits, `_` and `-` only.', { param: 'id' });
  return id;
}

/** A decimal such as `25` or `12.5` (Stripe's `percent_off` is a float). */
function optionalPercent(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value))
    throw invalidRequest(`Invalid decimal: ${String(value)}`, { param: name, code: 'parameter_invalid_decimal' });
  return Number(value);
}
