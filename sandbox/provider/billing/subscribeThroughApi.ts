import type Stripe from 'stripe';
import { invalidRequest } from '../core/errors';
import type { ProviderServices } from '../core/services';
import type { RequestRef } from '../events/eventLog';
import { cardDeclineError } from '../payments/payWithCard';
import { activateAfterPayment, markInvoicePaid } from './invoicePaymentOutcome';
import { chargedPaymentMethod, openInvoicePayment, payInvoice } from './invoicing';
import { customerNow } from './periods';
import { startSubscription } from './startSubscription';
import { couponAmount, type DiscountSource } from './discounts';

export type PaymentBehavior = 'default_incomplete' | 'allow_incomplete' | 'error_if_incomplete';

export interface ApiSubscription {
  customer: Stripe.Customer;
  items: { price: Stripe.Price; quantity: number }[];
  paymentBehavior: PaymentBehavior;
  /** `default_payment_method`: a PaymentMethod attached to the customer. */
  defaultPaymentMethod: Stripe.PaymentMethod | null;
  saveDefaultPaymentMethod: 'off' | 'on_subscription';
  metadata: Record<string, string>;
  description: string | null;
  cancelAtPeriodEnd: boolean;
  /** `discounts[0][coupon|promotion_code]`, already validated. */
  discounts: DiscountSource[];
}

/** Stripe's answer when the first invoice must be charged but there is nothing to charge, plus the sandbox's hint. */
export const NO_PAYMENT_METHOD =
  'This customer has no attached payment source or default payment method. Please consider adding a default payment method. ' +
  'Or create the subscription with payment_behavior=default_incomplete and let the customer pay its first invoice ' +
  '(latest_invoice.confirmation_secret) with the Payment Element.';

/**
 * `POST /v1/subscriptions`. `default_incomplete`: the subscription stays `incomplete` with an open first invoice
 * whose PaymentIntent (`latest_invoice.confirmation_secret`) the customer confirms; paying it activates the
 * subscription (see invoicePaymentOutcome.ts). `allow_incomplete`: the first invoice is charged now to the default
 * payment method (`active`, or `incomplete` when the card declines). `error_if_incomplete`: as allow_incomplete,
 * but a card that would decline is a 402 and nothing is created. A free first invoice is paid at once.
 */
export function subscribeThroughApi(services: ProviderServices, fields: ApiSubscription, request: RequestRef): Stripe.Subscription {
  const { customer, paymentBehavior } = fields;
  const chargeNow = paymentBehavior !== 'default_incomplete';
  const charged = chargeNow ? chargedPaymentMethod(services, fields.defaultPaymentMethod?.id ?? null, customer.id) : null;
  const subtotal = fields.items.reduce((sum, item) => sum + (item.price.unit_amount ?? 0) * item.quantity, 0);
  const total = subtotal - fields.discounts.reduce((off, { coupon }) => off + couponAmount(coupon, subtotal - off), 0);
  if (chargeNow && total > 0) {
    if (!charged) throw invalidRequest(NO_PAYMENT_METHOD, { code: 'resource_missing' });
    const outcome = services.store.paymentMethodCards.get(charged.id)?.outcome;
    if (paymentBehavior === 'error_if_incomplete' && outcome?.kind === 'declined') throw cardDeclineError(outcome);
  }

  const at = customerNow(services, customer.id);
  const { subscription, invoice } = startSubscription(
    services,
    customer,
    {
      customer: customer.id,
      items: fields.items,
      start: at,
      defaultPaymentMethod: fields.defaultPaymentMethod?.id ?? null,
      metadata: fields.metadata,
      description: fields.description,
      saveDefaultPaymentMethod: fields.saveDefaultPaymentMethod,
      cancelAtPeriodEnd: fields.cancelAtPeriodEnd,
      discounts: fields.discounts,
    },
    request,
  );
  if (invoice.amount_due === 0) {
    markInvoicePaid(services, invoice, undefined, at, request);
    activateAfterPayment(services, invoice, null, request);
  } else if (chargeNow) {
    payInvoice(services, invoice, { paymentMethod: charged }, at, request);
  } else {
    openInvoicePayment(services, invoice, at, request);
  }
  return subscription;
}
