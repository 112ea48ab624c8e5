import type Stripe from 'stripe';
import type { ProviderServices } from '../core/services';
import { subscribeFromCheckout } from '../billing/subscribeFromCheckout';
import { redeemSessionDiscounts } from '../billing/checkoutDiscounts';
import { unixNow } from '../core/ids';
import { NO_REQUEST } from '../events/eventLog';
import { newPaymentIntent } from './paymentIntentObject';
import { payWithCard, type BillingDetails } from './payWithCard';
import type { CardFacts } from './testCards';

export type CheckoutPaymentResult = { ok: true } | { ok: false; customerMessage: string };

/**
 * Pays an open Checkout Session from its hosted page. The session's PaymentIntent is created on the
 * first attempt (`payment_intent.created`) and reused by later ones. Success completes the session
 * (`checkout.session.completed`, after `charge.succeeded` and `payment_intent.succeeded`).
 */
export function payCheckoutSession(
  services: ProviderServices,
  session: Stripe.Checkout.Session,
  card: CardFacts,
  billing: BillingDetails,
): CheckoutPaymentResult {
  const intent = intentFor(services, session);
  services.store.pendingChallenges.delete(session.id);
  if (session.mode === 'subscription' && card.outcome.kind === 'approved') {
    subscribeFromCheckout(services, session, intent, card, billing);
  } else {
    const result = payWithCard(services, intent, card, billing, NO_REQUEST);
    if (!result.ok) {
      return { ok: false, customerMessage: card.outcome.kind === 'declined' ? card.outcome.customerMessage : result.error.message };
    }
  }
  const customer = typeof session.customer === 'string' ? session.customer : null;
  session.status = 'complete';
  session.payment_status = 'paid';
  session.customer_details = {
    address: { city: null, country: billing.country, line1: null, line2: null, postal_code: billing.postalCode, state: null },
    business_name: null,
    email: billing.email,
    individual_name: null,
    name: billing.name,
    phone: null,
    tax_exempt: 'none',
    tax_ids: [],
  };
  session.customer = customer;
  session.url = null;
  if (session.mode === 'payment') redeemSessionDiscounts(services, session, unixNow());
  services.events.emit('checkout.session.completed', session, { request: NO_REQUEST });
  return { ok: true };
}

/**
 * The PaymentIntent the hosted page charges, made on the first attempt. A payment-mode session shows it as its
 * `payment_intent`; a subscription-mode session does not: at Stripe its `payment_intent` stays null (SDK types: "The ID of
 * the PaymentIntent for Checkout Sessions in `payment` mode") and the payment is its first invoice's (`invoice`,
 * then `invoice.payments`). The sandbox keeps the intent beside the session; the first invoice adopts it
 * (billing/subscribeFromCheckout.ts), so a decline's `last_payment_error` is on that intent, not on the session.
 */
export function intentFor(services: ProviderServices, session: Stripe.Checkout.Session): Stripe.PaymentIntent {
  const subscriptionMode = session.mode === 'subscription';
  const existingId = subscriptionMode
    ? services.store.subscriptionSessionIntents.get(session.id)
    : typeof session.payment_intent === 'string'
      ? session.payment_intent
      : undefined;
  const existing = existingId ? services.store.get('payment_intent', existingId) : undefined;
  if (existing) return existing;
  const data = services.store.sessionIntentData.get(session.id) ?? {};
  const metadata = typeof data.metadata === 'object' && data.metadata !== null ? { ...(data.metadata as Record<string, string>) } : {};
  const intent = newPaymentIntent({
    amount: session.amount_total ?? 0,
    currency: session.currency ?? 'usd',
    customer: typeof session.customer === 'string' ? session.customer : null,
    description: typeof data.description === 'string' ? data.description : null,
    metadata,
    receiptEmail: typeof data.receipt_email === 'string' ? data.receipt_email : null,
    paymentMethodTypes: session.payment_method_types,
    livemode: session.livemode,
  });
  services.store.add('payment_intent', intent);
  if (subscriptionMode) services.store.subscriptionSessionIntents.set(session.id, intent.id);
  else session.payment_intent = intent.id;
  services.events.emit('payment_intent.created', intent, { request: NO_REQUEST });
  return intent;
}
