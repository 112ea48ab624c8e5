import type { FastifyRequest } from 'fastify';
import { CLICK_COOKIE, clickIdFrom } from '../merchant/clickCookie';
import type { ShopContext } from './shopContext';

/** A cookie name the snippet never sets: where the defect `shop.drops-click-id` looks, so every checkout loses its click. */
const WRONG_CLICK_COOKIE = 'ref_click';

/** The click id the customer's browser carries, as the shop reads it (null when none or malformed). */
export function clickIdFromCookie(shop: ShopContext, request: FastifyRequest): string | null {
  return clickIdFrom(request.cookies, shop.faults.has('shop.drops-click-id') ? WRONG_CLICK_COOKIE : CLICK_COOKIE);
}
