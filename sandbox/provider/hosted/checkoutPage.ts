import type { FastifyInstance, FastifyReply } from 'fastify';
import type Stripe from 'stripe';
import type { ProviderServices } from '../core/services';
import { expireIfDue } from '../payments/expireCheckoutSession';
import { payCheckoutSession } from '../payments/payCheckoutSession';
import { fieldsOf, readCardForm } from './cardForm';
import type { HostedCheckoutSettings } from './hostedCheckoutLayout';
import { renderCheckoutPage, renderInactivePage } from './renderCheckoutPage';
import { registerThreeDSecure, renderChallengePage, startChallenge } from './threeDSecure';

/** No scripts, no external assets; frames only from the provider itself (the 3-D Secure challenge). */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'";

/**
 * Sends a sandbox HTML page with the hosted pages' security headers. Pages cannot be framed by another site;
 * `frameable` pages (the challenge frame's content) may be framed by the provider's own pages.
 */
export function sendPage(reply: FastifyReply, html: string, status = 200, options: { frameable?: boolean } = {}): void {
  reply
    .code(status)
    .headers({
      'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors ${options.frameable ? "'self'" : "'none'"}`,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'same-origin',
    })
    .type('text/html; charset=utf-8')
    .send(html);
}

/** `{CHECKOUT_SESSION_ID}` in the success URL is replaced with the session id, as Stripe does on redirect. */
export function successRedirect(session: Stripe.Checkout.Session): string | null {
  return session.success_url ? session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', session.id) : null;
}

/** Returns the session if it can still be paid, or answers with the page that says why not. */
function openSession(services: ProviderServices, id: string, reply: FastifyReply): Stripe.Checkout.Session | undefined {
  const session = services.store.get('checkout.session', id);
  if (!session) {
    sendPage(reply, renderInactivePage('missing'), 404);
    return undefined;
  }
  expireIfDue(services, session);
  if (session.status === 'complete') {
    sendPage(reply, renderInactivePage('complete', successRedirect(session)));
    return undefined;
  }
  if (session.status !== 'open') {
    sendPage(reply, renderInactivePage('expired'));
    return undefined;
  }
  return session;
}

/**
 * `GET|POST /c/pay/:id`: the hosted Checkout page and its form submission (no JavaScript needed), laid out as
 * `settings` says (`PUT /_sandbox/hosted_checkout`).
 */
export function registerHostedCheckout(app: FastifyInstance, services: ProviderServices, settings: HostedCheckoutSettings): void {
  app.get<{ Params: { id: string } }>('/c/pay/:id', (request, reply) => {
    const session = openSession(services, request.params.id, reply);
    if (!session) return;
    sendPage(
      reply,
      renderCheckoutPage({ session, lineItems: services.store.lineItems.get(session.id) ?? [], layout: settings.layout.layout }),
    );
  });

  registerThreeDSecure(app, services, settings, sendPage, successRedirect);

  app.post<{ Params: { id: string } }>('/c/pay/:id', (request, reply) => {
    const session = openSession(services, request.params.id, reply);
    if (!session) return;
    const fields = fieldsOf(request.body);
    const kept = {
      email: fields.email,
      billingName: fields.billingName,
      billingCountry: fields.billingCountry,
      billingPostalCode: fields.billingPostalCode,
    };
    const lineItems = services.store.lineItems.get(session.id) ?? [];
    const { layout, threeDSecure } = settings.layout;
    const page = { session, lineItems, fields: kept, layout };
    const form = readCardForm(fields, new Date(), services.store.livemode);
    if (!form.ok) {
      const messages = form.kind === 'card' ? { cardError: form.message } : { fieldError: form.message };
      sendPage(reply, renderCheckoutPage({ ...page, ...messages }), 400);
      return;
    }
    if (form.card.threeDSecure) {
      startChallenge(services, session, form.card, form.billing);
      if (threeDSecure === 'frame')
        sendPage(reply, renderCheckoutPage({ ...page, challengeFrameUrl: `/c/pay/${session.id}/3ds/challenge` }));
      else sendPage(reply, renderChallengePage(session, form.card));
      return;
    }
    const result = payCheckoutSession(services, session, form.card, form.billing);
    if (!result.ok) {
      sendPage(reply, renderCheckoutPage({ ...page, cardError: result.customerMessage }), 402);
      return;
    }
    const target = successRedirect(session);
    if (target) reply.code(303).header('Location', target).header('Cache-Control', 'no-store').send();
    else sendPage(reply, renderInactivePage('complete'));
  });
}
