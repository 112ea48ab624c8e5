import type { FastifyInstance, FastifyReply } from 'fastify';
import type Stripe from 'stripe';
import { docUrl } from '../core/errors';
import type { ProviderServices } from '../core/services';
import { NO_REQUEST } from '../events/eventLog';
import { intentFor, payCheckoutSession } from '../payments/payCheckoutSession';
import type { BillingDetails } from '../payments/payWithCard';
import type { CardFacts } from '../payments/testCards';
import { escapeHtml, formatAmount, layout, renderCheckoutPage, renderInactivePage, testModeBadge } from './renderCheckoutPage';

/** What the hosted page shows after a failed challenge (Stripe's wording for `payment_intent_authentication_failure`). */
export const AUTHENTICATION_FAILED_MESSAGE = 'We are unable to authenticate your payment method. Please choose a different payment method and try again.';

/**
 * A 3-D Secure card (4000002760003184, 4000000000003220) on the hosted page: the PaymentIntent waits in
 * `requires_action` and the page shows the bank's challenge instead of paying. Only the card's facts are kept
 * (brand, last4, expiry), never its number.
 */
export function startChallenge(services: ProviderServices, session: Stripe.Checkout.Session, card: CardFacts, billing: BillingDetails): string {
  const intent = intentFor(services, session);
  intent.status = 'requires_action';
  intent.next_action = { type: 'use_stripe_sdk', use_stripe_sdk: {} };
  services.store.pendingChallenges.set(session.id, { card, billing });
  return renderChallengePage(session, card);
}

function renderChallengePage(session: Stripe.Checkout.Session, card: CardFacts): string {
  const action = `/c/pay/${escapeHtml(session.id)}/3ds`;
  return layout(
    '3D Secure — Dress Rehearsal sandbox',
    `<main><section data-testid="three-d-secure-challenge" aria-label="3D Secure authentication">
<h1>Confirm your payment${testModeBadge(session)}</h1>
<p>Your bank asks you to confirm the payment of <strong>${formatAmount(session.amount_total ?? 0, session.currency ?? 'usd')}</strong>
with the card ending in ${escapeHtml(card.last4)}. This is a 3D Secure test page: choose the outcome.</p>
<form method="post" action="${action}"><input type="hidden" name="outcome" value="complete">
<button type="submit" data-testid="three-d-secure-complete">Complete</button></form>
<form method="post" action="${action}"><input type="hidden" name="outcome" value="fail">
<button type="submit" data-testid="three-d-secure-fail" style="background:#df1b41">Fail</button></form>
</section></main>`,
  );
}

/** Records a failed authentication on the session's PaymentIntent, as Stripe does: no charge, `payment_intent.payment_failed`. */
function failAuthentication(services: ProviderServices, session: Stripe.Checkout.Session): void {
  const intent = intentFor(services, session);
  const code = 'payment_intent_authentication_failure';
  intent.status = 'requires_payment_method';
  intent.next_action = null;
  intent.payment_method = null;
  intent.last_payment_error = {
    type: 'invalid_request_error',
    code,
    doc_url: docUrl(code),
    message: 'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
    payment_method_type: 'card',
  };
  services.events.emit('payment_intent.payment_failed', intent, { request: NO_REQUEST });
}

/** `POST /c/pay/:id/3ds` with `outcome=complete|fail`: the challenge's answer. */
export function registerThreeDSecure(app: FastifyInstance, services: ProviderServices, send: (reply: FastifyReply, html: string, status?: number) => void, redirect: (session: Stripe.Checkout.Session) => string | null): void {
  app.post<{ Params: { id: string } }>('/c/pay/:id/3ds', (request, reply) => {
    const session = services.store.get('checkout.session', request.params.id);
    const pending = session ? services.store.pendingChallenges.get(session.id) : undefined;
    if (!session || session.status !== 'open' || !pending) {
      send(reply, renderInactivePage(session?.status === 'complete' ? 'complete' : session ? 'expired' : 'missing', session ? redirect(session) : null), session ? 409 : 404);
      return;
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    const lineItems = services.store.lineItems.get(session.id) ?? [];
    const kept = { email: pending.billing.email ?? '', billingName: pending.billing.name ?? '', billingCountry: pending.billing.country ?? 'US', billingPostalCode: pending.billing.postalCode ?? '' };
    if (body.outcome !== 'complete') {
      services.store.pendingChallenges.delete(session.id);
      failAuthentication(services, session);
      send(reply, renderCheckoutPage({ session, lineItems, fields: kept, cardError: AUTHENTICATION_FAILED_MESSAGE }), 402);
      return;
    }
    const intent = intentFor(services, session);
    intent.next_action = null;
    const result = payCheckoutSession(services, session, pending.card, pending.billing);
    if (!result.ok) {
      send(reply, renderCheckoutPage({ session, lineItems, fields: kept, cardError: result.customerMessage }), 402);
      return;
    }
    const target = redirect(session);
    if (target) reply.code(303).header('Location', target).header('Cache-Control', 'no-store').send();
    else send(reply, renderInactivePage('complete'));
  });
}
