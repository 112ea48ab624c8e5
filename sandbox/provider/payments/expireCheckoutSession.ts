import type Stripe from 'stripe';
import { unixNow } from '../core/ids';
import type { ProviderServices } from '../core/services';
import { NO_REQUEST, type RequestRef } from '../events/eventLog';

/** Expires an open session (`checkout.session.expired`) and cancels its PaymentIntent, as Stripe does. */
export function expireCheckoutSession(services: ProviderServices, session: Stripe.Checkout.Session, request: RequestRef): void {
  session.status = 'expired';
  session.url = null;
  const intentId = typeof session.payment_intent === 'string' ? session.payment_intent : null;
  const intent = intentId ? services.store.get('payment_intent', intentId) : undefined;
  if (intent && intent.status !== 'succeeded' && intent.status !== 'canceled') {
    intent.status = 'canceled';
    intent.canceled_at = unixNow();
    intent.cancellation_reason = 'abandoned';
    services.events.emit('payment_intent.canceled', intent, { request });
  }
  services.events.emit('checkout.session.expired', session, { request });
}

/** Stripe expires sessions on its own once `expires_at` passes; the sandbox does it when a session is next read. */
export function expireIfDue(services: ProviderServices, session: Stripe.Checkout.Session): void {
  if (session.status === 'open' && unixNow() >= session.expires_at) expireCheckoutSession(services, session, NO_REQUEST);
}
