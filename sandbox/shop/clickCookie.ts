import type { FastifyRequest } from 'fastify';
import { CLICK_COOKIE, clickIdFrom } from '../merchant/clickCookie';
import { formValue } from '../merchant/formValue';
import type { ShopContext } from './shopContext';

/** A cookie name no snippet sets: where the defect `shop.drops-click-id` looks, so every checkout loses its click. */
const WRONG_CLICK_COOKIE = 'ref_click';

/**
 * Dub's analytics script keeps the click id in the first-party cookie `dub_id`
 * (https://dub.co/docs/sdks/client-side/introduction: "storing it as a first-party cookie").
 */
const DUB_CLICK_COOKIE = 'dub_id';

/**
 * The form field the storefront's forms carry `Rewardful.referral` in when they are submitted (see
 * pages/rewardfulReferralGlue.ts): Rewardful's docs have the referral id passed from the browser to the server
 * (https://help.rewardful.com/en/articles/9014067-stripe-server-side-checkout, step 2).
 */
export const REWARDFUL_REFERRAL_FIELD = 'referral';

/**
 * The referral the customer's browser carries, as the shop reads it (null when none or malformed): our platform's
 * click id (cookie `referral_click_id`), Rewardful's referral id (the form's `referral` field), Dub's click id
 * (cookie `dub_id`). The defect `shop.drops-click-id` looks in the wrong place, whichever the platform.
 */
export function referralIdFromRequest(shop: ShopContext, request: FastifyRequest): string | null {
  const drops = shop.faults.has('shop.drops-click-id');
  switch (shop.referralPlatform) {
    case 'rewardful':
      return clickIdFrom({ value: formValue(request.body, drops ? 'referral_id' : REWARDFUL_REFERRAL_FIELD) }, 'value');
    case 'dub':
      return clickIdFrom(request.cookies, drops ? WRONG_CLICK_COOKIE : DUB_CLICK_COOKIE);
    default:
      return clickIdFrom(request.cookies, drops ? WRONG_CLICK_COOKIE : CLICK_COOKIE);
  }
}
