import type { FastifyInstance, FastifyReply } from 'fastify';
import type Stripe from 'stripe';
import { docUrl } from '../core/errors';
import type { ProviderServices } from '../core/services';
import { NO_REQUEST } from '../events/eventLog';
import { intentFor, payCheckoutSession } from '../payments/payCheckoutSession';
import type { BillingDetails } from '../payments/payWithCard';
import type { CardFacts } from '../payments/testCards';
import type { HostedCheckoutSettings } from './hostedCheckoutLayout';
import { escapeHtml, formatAmount, layout, renderCheckoutPage, renderInactivePage, testModeBadge } from './renderCheckoutPage';

/** What the hosted page shows after a failed challenge (Stripe's wording for `payment_intent_authentication_failure`). */
export const AUTHENTICATION_FAILED_MESSAGE =
  'We are unable to authenticate your payment method. Please choose a different payment method and try again.';

/** Sends a page; `frameable` lets the provider's own pages put it in an iframe (the challenge frame). */
export type SendPage = (reply: FastifyReply, html: string, status?: number, options?: { frameable?: boolean }) => void;

/**
 * A 3-D Secure card (4000002760003184, 4000000000003220) on the hosted page: the PaymentIntent waits in
 * `requires_action` until the challenge is answered. Only the card's facts are kept (brand, last4, expiry), never
 * its number.
 */
export function startChallenge(
  services: ProviderServices,
  session: Stripe.Checkout.Session,
  card: CardFacts,
  billing: BillingDetails,
): void {
  const intent = intentFor(services, session);
  intent.status = 'requires_action';
  intent.next_action = { type: 'use_stripe_sdk', use_stripe_sdk: {} };
  services.store.pendingChallenges.set(session.id, { card, billing });
}

/**
 * The bank's challenge: a page of its own, or the content of the `stripe-challenge-frame` iframe (its forms then
 * answer in the top window). Buttons carry Stripe's test ids: `#test-source-authorize-3ds`, `#test-source-fail-3ds`.
 */
export function renderChallengePage(session: Stripe.Checkout.Session, card: CardFacts, inFrame = false): string {
  const action = `/c/pay/${escapeHtml(session.id)}/3ds`;
  const target = inFrame ? ' target="_top"' : '';
  return layout(
    '3D Secure — Dress Rehearsal sandbox',
    `<main><section data-testid="three-d-secure-challenge" aria-label="3D Secure authentication">
<h1>Confirm your payment${testModeBadge(session)}</h1>
<p>Your bank asks you to confirm the payment of <strong>${formatAmount(session.amount_total ?? 0, session.currency ?? 'usd')}</strong>
with the card ending in ${escapeHtml(card.last4)}. This is a 3D Secure test page: choose the outcome.</p>
<form method="post" action="${action}"${target}><input type="hidden" name="outcome" value="complete">
<button type="submit" id="test-source-authorize-3ds" data-testid="three-d-secure-complete">Complete</button></form>
<form method="post" action="${action}"${target}><input type="hidden" name="outcome" value="fail">
<button type="submit" id="test-source-fail-3ds" data-testid="three-d-secure-fail" style="background:#df1b41">Fail</button></form>
</section></main>`,
  );
}

/** Records a failed authentication on a PaymentIntent, as Stripe does: no charge, `payment_intent.payment_failed`. */
export function failAuthentication(services: ProviderServices, intent: Stripe.PaymentIntent): void {
  const code = 'payment_intent_authentication_failure';
  intent.status = 'requires_payment_method';
  intent.next_action = null;
  intent.payment_method = null;
  intent.last_payment_error = {
    type: 'invalid_request_error',
    code,
    doc_url: docUrl(code),
    message:
      'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
    payment_method_type: 'card',
  };
  services.events.emit('payment_intent.payment_failed', intent, { request: NO_REQUEST });
}

/**
 * `GET /c/pay/:id/3ds/challenge`: the challenge inside the modal frame (layout `threeDSecure: 'frame'`);
 * `POST /c/pay/:id/3ds` with `outcome=complete|fail`: the challenge's answer, from the page or the frame.
 */
export function registerThreeDSecure(
  app: FastifyInstance,
  services: ProviderServices,
  settings: HostedCheckoutSettings,
  send: SendPage,
  redirect: (session: Stripe.Checkout.Session) => string | null,
): void {
  app.get<{ Params: { id: string } }>('/c/pay/:id/3ds/challenge', (request, reply) => {
    const session = services.store.get('checkout.session', request.params.id);
    const pending = session ? services.store.pendingChallenges.get(session.id) : undefined;
    if (!session || session.status !== 'open' || !pending) {
      send(reply, renderInactivePage(session?.status === 'complete' ? 'complete' : session ? 'expired' : 'missing'), session ? 409 : 404, {
        frameable: true,
      });
      return;
    }
    send(reply, renderChallengePage(session, pending.card, true), 200, { frameable: true });
  });

  app.post<{ Params: { id: string } }>('/c/pay/:id/3ds', (request, reply) => {
    const session = services.store.get('checkout.session', request.params.id);
    const pending = session ? services.store.pendingChallenges.get(session.id) : undefined;
    if (!session || session.status !== 'open' || !pending) {
      send(
        reply,
        renderInactivePage(
          session?.status === 'complete' ? 'complete' : session ? 'expired' : 'missing',
          session ? redirect(session) : null,
        ),
        session ? 409 : 404,
      );
      return;
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    const lineItems = services.store.lineItems.get(session.id) ?? [];
    const kept = {
      email: pending.billing.email ?? '',
      billingName: pending.billing.name ?? '',
      billingCountry: pending.billing.country ?? 'US',
      billingPostalCode: pending.billing.postalCode ?? '',
    };
    const page = { session, lineItems, fields: kept, layout: settings.layout.layout };
    if (body.outcome !== 'complete') {
      services.store.pendingChallenges.delete(session.id);
      failAuthentication(services, intentFor(services, session));
      send(reply, renderCheckoutPage({ ...page, cardError: AUTHENTICATION_FAILED_MESSAGE }), 402);
      return;
    }
    const intent = intentFor(services, session);
    intent.next_action = null;
    const result = payCheckoutSession(services, session, pending.card, pending.billing);
    if (!result.ok) {
      send(reply, renderCheckoutPage({ ...page, cardError: result.customerMessage }), 402);
      return;
    }
    const target = redirect(session);
    if (target) reply.code(303).header('Location', target).header('Cache-Control', 'no-store').send();
    else send(reply, renderInactivePage('complete'));
  });
}
