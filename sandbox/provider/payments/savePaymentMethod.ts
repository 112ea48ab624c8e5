import type Stripe from 'stripe';
import { invalidRequest, resourceMissing } from '../core/errors';
import type { ProviderServices } from '../core/services';
import type { RequestRef } from '../events/eventLog';
import { storeCardPaymentMethod } from '../billing/paymentMethodObject';
import { cardForPaymentMethod, type CardFacts, type CardOutcome } from './testCards';

/**
 * Saving a card for later (attach, a SetupIntent, a customer created with `payment_method`), as Stripe does it:
 * the card is checked first, a test PaymentMethod id (`pm_card_visa`) becomes a new stored `pm_…`, and a detached
 * PaymentMethod or one of another customer cannot be saved again.
 */

/**
 * 4000000000000341 (`pm_card_chargeCustomerFail`): "Attaching this card to a Customer object succeeds, but attempts to
 * charge the customer fail" (Stripe's testing docs, "Declined payments"; the portal's card form reads it the same way,
 * portal/portalCardForm.ts), which sets it apart from the other declining cards. A Stack Exchange question reports
 * `paymentMethods.attach` refusing Stripe's charge-declined test card, and a public 2014 gist shows a customer created
 * with 4000000000000002 raising a 402 "Your card was declined.". That 4000000000009995 (insufficient funds) and
 * 4000000000000069 (expired) are refused on save too is the sandbox's reading, not a documented rule.
 * A refused card answers the same 402 `card_error` as a payment with it (payWithCard.ts `cardDeclineError`).
 */
const ATTACHES_THEN_DECLINES_LAST4 = '0341';

/** The decline a card meets when it is saved, or undefined when it may be saved. */
export function declineOnSave(services: ProviderServices, card: CardFacts): Extract<CardOutcome, { kind: 'declined' }> | undefined {
  if (card.outcome.kind !== 'declined') return undefined;
  if (!services.store.livemode && card.last4 === ATTACHES_THEN_DECLINES_LAST4) return undefined;
  return card.outcome;
}

/** A PaymentMethod named by a request and the card behind it. */
export interface NamedPaymentMethod {
  /** The stored PaymentMethod; for a test id, not stored yet (`store()` stores it). */
  existing?: Stripe.PaymentMethod;
  card: CardFacts;
  /** Stores a new PaymentMethod for a test id (created at `created`); returns the existing one otherwise. */
  store(created?: number): Stripe.PaymentMethod;
}

/**
 * The PaymentMethod `id` names: one of Stripe's test ids (a new `pm_…` once stored, as at Stripe) or a stored `pm_…`
 * with its card. Unknown: 404 `resource_missing` on `param`. A detached one is refused (Stripe's detach reference:
 * "once detached, a PaymentMethod can no longer be used for payments or re-attached to a Customer"; the wording of
 * the error is the sandbox's, Stripe's is not documented).
 */
export function namedPaymentMethod(services: ProviderServices, id: string, param: string): NamedPaymentMethod {
  const testCard = cardForPaymentMethod(id, services.store.livemode);
  if (testCard) return { card: testCard, store: (created) => storeCardPaymentMethod(services, testCard, null, created) };
  const existing = services.store.get('payment_method', id);
  const card = services.store.paymentMethodCards.get(id);
  if (!existing || !card) throw resourceMissing('payment_method', id, param);
  if (services.store.detachedPaymentMethods.has(id)) {
    throw invalidRequest(
      'This PaymentMethod was previously detached from a Customer and may not be used again. Attach a new PaymentMethod instead.',
      { param, code: 'payment_method_unexpected_state' },
    );
  }
  return { existing, card, store: () => existing };
}

/**
 * Attaches a stored PaymentMethod to a customer: `payment_method.attached` once; attached already to this customer:
 * nothing happens; to another: 400 `payment_method_unexpected_state` ("already been attached to a customer", the
 * sandbox's long-standing wording for Stripe's refusal).
 */
export function attachToCustomer(
  services: ProviderServices,
  paymentMethod: Stripe.PaymentMethod,
  customerId: string,
  request: RequestRef,
): Stripe.PaymentMethod {
  if (paymentMethod.customer && paymentMethod.customer !== customerId) {
    throw invalidRequest('The payment method you provided has already been attached to a customer.', {
      code: 'payment_method_unexpected_state',
    });
  }
  if (paymentMethod.customer === customerId) return paymentMethod;
  paymentMethod.customer = customerId;
  services.events.emit('payment_method.attached', paymentMethod, { request });
  return paymentMethod;
}
