import type Stripe from 'stripe';
import type { ProviderServices } from '../core/services';
import { NO_REQUEST, type RequestRef } from '../events/eventLog';
import { payWithCard } from '../payments/payWithCard';
import { AUTHENTICATION_FAILED_MESSAGE, failAuthentication } from '../hosted/threeDSecure';

/** Where Stripe.js opens the challenge for an intent (the provider's own page, in the `stripe-challenge-frame`). */
export function challengeUrl(services: ProviderServices, intent: Stripe.PaymentIntent): string {
  const query = new URLSearchParams({ payment_intent: intent.id, client_secret: intent.client_secret ?? '' });
  return `${services.baseUrl()}/elements/three-d-secure?${query.toString()}`;
}

/**
 * A 3-D Secure card confirmed through the Payment Element: the intent waits in `requires_action` with
 * `next_action.type = 'use_stripe_sdk'` (the challenge's URL in `use_stripe_sdk.stripe_js`), holding the new
 * PaymentMethod, and `payment_intent.requires_action` is sent, as at Stripe.
 */
export function requireThreeDSecure(
  services: ProviderServices,
  intent: Stripe.PaymentIntent,
  paymentMethodId: string,
  request: RequestRef,
): void {
  intent.status = 'requires_action';
  intent.payment_method = paymentMethodId;
  intent.last_payment_error = null;
  intent.next_action = {
    type: 'use_stripe_sdk',
    use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: challengeUrl(services, intent) },
  };
  services.events.emit('payment_intent.requires_action', intent, { request });
}

/** The customer-facing outcome of an answered challenge, as Stripe.js reports it. */
export type ChallengeOutcome = { ok: true } | { ok: false; error: { type: string; code: string; message: string } };

/**
 * The challenge's answer: Complete pays the intent with the card waiting on it (through `payWithCard`, so
 * whatever follows a payment follows); Fail is Stripe's `payment_intent_authentication_failure` (no charge).
 */
export function answerThreeDSecure(
  services: ProviderServices,
  intent: Stripe.PaymentIntent,
  outcome: 'complete' | 'fail',
): ChallengeOutcome {
  const paymentMethodId = typeof intent.payment_method === 'string' ? intent.payment_method : (intent.payment_method?.id ?? '');
  const card = services.store.paymentMethodCards.get(paymentMethodId);
  const paymentMethod = services.store.get('payment_method', paymentMethodId);
  if (outcome === 'fail' || !card || !paymentMethod) {
    failAuthentication(services, intent);
    return {
      ok: false,
      error: { type: 'invalid_request_error', code: 'payment_intent_authentication_failure', message: AUTHENTICATION_FAILED_MESSAGE },
    };
  }
  intent.next_action = null;
  const details = paymentMethod.billing_details;
  const billing = {
    name: details.name,
    email: details.email,
    country: details.address?.country ?? null,
    postalCode: details.address?.postal_code ?? null,
  };
  const result = payWithCard(services, intent, card, billing, NO_REQUEST, paymentMethodId);
  if (result.ok) return { ok: true };
  const { type, code, message } = result.error.body;
  return {
    ok: false,
    error: { type, code: code ?? 'card_declined', message: card.outcome.kind === 'declined' ? card.outcome.customerMessage : message },
  };
}
