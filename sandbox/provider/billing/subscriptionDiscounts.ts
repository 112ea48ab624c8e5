import type Stripe from 'stripe';
import type { ProviderServices } from '../core/services';
import { couponOfDiscount, newDiscount, redeemDiscount, type DiscountSource } from './discounts';
import type { AppliedDiscount } from './invoiceDiscounts';

/**
 * Puts discounts on a new subscription (`subscription.discounts`, ids; `expand[]=discounts` gives the objects) and
 * counts their redemption, as Stripe does for a subscription started with a coupon or promotion code (Checkout's
 * `discounts` in subscription mode apply to the subscription, whose invoices then carry them).
 */
export function attachDiscounts(
  services: ProviderServices,
  subscription: Stripe.Subscription,
  sources: DiscountSource[],
  at: number,
): void {
  const customer = typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id;
  const discounts = sources.map((source) =>
    newDiscount(services, source, { customer, subscription: subscription.id, checkoutSession: null, start: at }),
  );
  for (const discount of discounts) redeemDiscount(services, discount, at);
  subscription.discounts = discounts.map((discount) => discount.id);
}

/**
 * The subscription's discounts that apply to an invoice made at `at`, by their coupon's `duration` (SDK types: `once`
 * "applies to the first charge", `repeating` until the discount's `end`, `forever`): a `once` discount applies to
 * one invoice only.
 */
export function discountsForInvoice(services: ProviderServices, subscription: Stripe.Subscription, at: number): AppliedDiscount[] {
  return applied(services, subscription).filter(({ discount, coupon }) => isActive(services, subscription, discount, coupon, at));
}

/**
 * Takes off the subscription the discounts that no longer apply at `at` (a `once` discount already used, a
 * `repeating` one past its `end`), so they show in the renewal's `customer.subscription.updated`
 * `previous_attributes.discounts`. When exactly Stripe drops them is not documented; the sandbox does it at the
 * first renewal they no longer cover.
 */
export function dropEndedDiscounts(services: ProviderServices, subscription: Stripe.Subscription, at: number): void {
  const kept = applied(services, subscription).filter(({ discount, coupon }) => isActive(services, subscription, discount, coupon, at));
  if (kept.length !== subscription.discounts.length) subscription.discounts = kept.map(({ discount }) => discount.id);
}

function applied(services: ProviderServices, subscription: Stripe.Subscription): AppliedDiscount[] {
  return subscription.discounts.flatMap((entry) => {
    const discount = services.store.get('discount', typeof entry === 'string' ? entry : entry.id);
    const coupon = discount && couponOfDiscount(services, discount);
    return discount && coupon ? [{ discount, coupon }] : [];
  });
}

function isActive(
  services: ProviderServices,
  subscription: Stripe.Subscription,
  discount: Stripe.Discount,
  coupon: Stripe.Coupon,
  at: number,
): boolean {
  if (coupon.duration === 'once') return !usedOnAnInvoice(services, subscription, discount.id);
  if (coupon.duration === 'repeating') return discount.end === null || at < discount.end;
  return true;
}

function usedOnAnInvoice(services: ProviderServices, subscription: Stripe.Subscription, discountId: string): boolean {
  return services.store
    .all('invoice')
    .some(
      (invoice) =>
        invoice.parent?.subscription_details?.subscription === subscription.id &&
        invoice.discounts.some((d) => (typeof d === 'string' ? d : d.id) === discountId),
    );
}
