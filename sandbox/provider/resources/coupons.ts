import type Stripe from 'stripe';
import { invalidRequest, resourceMissing } from '../core/errors';
import { unixNow } from '../core/ids';
import { LIST_PARAMS, paginate } from '../core/listing';
import { metadataParam } from '../core/params';
import type { ApiCall, Resource } from '../core/services';
import { newCoupon, refreshCouponValidity } from '../billing/couponObject';
import { couponFieldsFromParams, couponIdParam, couponName } from '../billing/couponParams';
import { changedFields } from './changedFields';

/** Not emulated: refused with a 400 that says so rather than stored and ignored. */
const NOT_EMULATED = ['applies_to', 'currency_options'];

function findCoupon({ services, path }: ApiCall): Stripe.Coupon {
  const id = path.id ?? '';
  const coupon = services.store.get('coupon', id);
  if (!coupon) throw resourceMissing('coupon', id);
  return refreshCouponValidity(coupon, unixNow());
}

function refuseNotEmulated(params: Record<string, unknown>): void {
  const given = NOT_EMULATED.find((name) => params[name] !== undefined);
  if (given) throw invalidRequest(`The sandbox provider does not emulate coupon \`${given}\`.`, { param: given });
}

/**
 * `/v1/coupons` (Stripe's API reference, SDK `CouponResource`): create, retrieve, update (`name`, `metadata` only:
 * "other coupon details … are, by design, not editable"), list (newest first) and delete (`{ id, object, deleted }`;
 * customers that already redeemed it keep their discount). Events `coupon.created|updated|deleted`.
 */
export const coupons: Resource = {
  endpoints: [
    {
      method: 'POST',
      path: '/v1/coupons',
      params: [
        'id',
        'percent_off',
        'amount_off',
        'currency',
        'duration',
        'duration_in_months',
        'max_redemptions',
        'redeem_by',
        'name',
        'metadata',
        ...NOT_EMULATED,
      ],
      handle({ params, services, request }) {
        refuseNotEmulated(params);
        const now = unixNow();
        const id = couponIdParam(params);
        // Stripe's answer for a taken id (as for products: `resource_already_exists`).
        if (id !== undefined && services.store.get('coupon', id))
          throw invalidRequest('Coupon already exists.', { param: 'id', code: 'resource_already_exists' });
        const fields = couponFieldsFromParams(params, now);
        const coupon = newCoupon({
          ...fields,
          ...(id ? { id } : {}),
          metadata: metadataParam(params) ?? {},
          created: now,
          livemode: services.store.livemode,
        });
        services.store.add('coupon', coupon);
        services.events.emit('coupon.created', coupon, { request });
        return coupon;
      },
    },
    { method: 'GET', path: '/v1/coupons/:id', params: [], handle: findCoupon },
    {
      method: 'POST',
      path: '/v1/coupons/:id',
      params: ['name', 'metadata', 'currency_options'],
      handle(call) {
        refuseNotEmulated(call.params);
        const coupon = findCoupon(call);
        const before = { ...coupon };
        const name = couponName(call.params);
        if (name !== undefined) coupon.name = name;
        const metadata = metadataParam(call.params, coupon.metadata ?? {});
        if (metadata !== undefined) coupon.metadata = metadata;
        const previous = changedFields(before, coupon);
        if (previous) call.services.events.emit('coupon.updated', coupon, { request: call.request, previous });
        return coupon;
      },
    },
    {
      method: 'DELETE',
      path: '/v1/coupons/:id',
      params: [],
      handle(call) {
        const coupon = findCoupon(call);
        const { store, events } = call.services;
        store.remove('coupon', coupon.id);
        store.deletedCoupons.set(coupon.id, coupon);
        events.emit('coupon.deleted', coupon, { request: call.request });
        const deleted: Stripe.DeletedCoupon = { id: coupon.id, object: 'coupon', deleted: true };
        return deleted;
      },
    },
    {
      method: 'GET',
      path: '/v1/coupons',
      params: [...LIST_PARAMS],
      handle({ params, services }) {
        const now = unixNow();
        const items = services.store.all('coupon').map((coupon) => refreshCouponValidity(coupon, now));
        return paginate(items, params, '/v1/coupons', 'coupon');
      },
    },
  ],
};
