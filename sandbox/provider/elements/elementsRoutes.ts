import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type Stripe from 'stripe';
import { maskKey } from '../core/auth';
import type { ProviderServices } from '../core/services';
import { formatAmount } from '../hosted/renderCheckoutPage';
import { customerDeclineMessages } from './declineMessages';
import { renderChallengeFrame } from './renderChallengeFrame';
import { renderPaymentFrame } from './renderPaymentFrame';
import { answerThreeDSecure } from './threeDSecureChallenge';

type Query = Record<string, unknown>;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The merchant page's origin as Stripe.js passes it (`origin=`), or '' when it is not an http(s) origin. */
function parentOriginOf(query: Query): string {
  const given = text(query.origin);
  try {
    const url = new URL(given);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === given ? given : '';
  } catch {
    return '';
  }
}

/** The intent a client secret opens (`pi_…_secret_…`), or undefined when it opens none. */
function intentOfSecret(services: ProviderServices, clientSecret: string): Stripe.PaymentIntent | undefined {
  const id = clientSecret.split('_secret_')[0] ?? '';
  const intent = services.store.get('payment_intent', id);
  return intent && intent.client_secret === clientSecret ? intent : undefined;
}

/**
 * Sends one of the frames' pages: scripts from the provider only, requests to the provider only, and framed only by
 * the page whose origin Stripe.js gave (none when it gave none).
 */
function sendFrame(reply: FastifyReply, html: string, parentOrigin: string, status = 200): void {
  reply
    .code(status)
    .headers({
      'Content-Security-Policy': `default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors ${parentOrigin || "'none'"}`,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'same-origin',
    })
    .type('text/html; charset=utf-8')
    .send(html);
}

function sendScript(reply: FastifyReply, source: string): void {
  reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'no-cache').send(source);
}

/**
 * Stripe.js and the Payment Element, served by the provider (no API key: the publishable key is in the URL):
 * `GET /v3/` the Stripe.js subset; `GET /elements/payment` the card frame; `GET|POST /elements/three-d-secure`
 * the 3-D Secure challenge frame and its answer. Scripts are read once at start-up.
 */
export function registerElements(app: FastifyInstance, services: ProviderServices, keys: { publishableKey: string }): void {
  const script = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
  const stripeJs = script('stripe-js.js');
  const paymentFrameJs = script('payment-frame.js');
  const challengeFrameJs = script('challenge-frame.js');
  app.get('/v3', (_request, reply) => sendScript(reply, stripeJs));
  app.get('/v3/', (_request, reply) => sendScript(reply, stripeJs));
  app.get('/elements/payment-frame.js', (_request, reply) => sendScript(reply, paymentFrameJs));
  app.get('/elements/challenge-frame.js', (_request, reply) => sendScript(reply, challengeFrameJs));

  app.get('/elements/payment', (request, reply) => {
    const query = request.query as Query;
    const parentOrigin = parentOriginOf(query);
    const key = text(query.key);
    const clientSecret = text(query.client_secret);
    const intent = intentOfSecret(services, clientSecret);
    let unavailable: string | undefined;
    if (!parentOrigin) unavailable = 'The Payment Element must be mounted by Stripe.js.';
    else if (key !== keys.publishableKey) unavailable = `Invalid API Key provided: ${maskKey(key)}`;
    else if (!intent) unavailable = 'This payment cannot be found: the client secret does not match a payment intent.';
    else if (intent.status === 'succeeded') unavailable = 'This payment is already complete.';
    else if (intent.status === 'canceled') unavailable = 'This payment was canceled.';
    const view = { parentOrigin, publishableKey: key, clientSecret, declineMessages: customerDeclineMessages(), unavailable };
    sendFrame(reply, renderPaymentFrame(view), parentOrigin, unavailable ? 400 : 200);
  });

  app.get('/elements/three-d-secure', (request, reply) => {
    const query = request.query as Query;
    const parentOrigin = parentOriginOf(query);
    const clientSecret = text(query.client_secret);
    const intent = intentOfSecret(services, clientSecret);
    const waiting = intent && intent.id === text(query.payment_intent) && intent.status === 'requires_action';
    const paymentMethod =
      intent && typeof intent.payment_method === 'string' ? services.store.get('payment_method', intent.payment_method) : undefined;
    const view = {
      parentOrigin,
      paymentIntent: intent?.id ?? '',
      clientSecret,
      amountText: intent ? formatAmount(intent.amount, intent.currency) : '',
      last4: paymentMethod?.card?.last4 ?? '',
      livemode: services.store.livemode,
      unavailable: waiting ? undefined : 'There is no payment waiting for authentication here.',
    };
    sendFrame(reply, renderChallengeFrame(view), parentOrigin, waiting ? 200 : 409);
  });

  app.post('/elements/three-d-secure', (request, reply) => {
    const body = (request.body ?? {}) as Query;
    const intent = intentOfSecret(services, text(body.client_secret));
    reply.type('application/json').header('Cache-Control', 'no-store');
    if (!intent || intent.id !== text(body.payment_intent)) {
      reply.code(404).send({
        error: {
          type: 'invalid_request_error',
          code: 'resource_missing',
          message: `No such payment_intent: '${text(body.payment_intent)}'`,
        },
      });
      return;
    }
    const pending = typeof intent.payment_method === 'string' && services.store.paymentMethodCards.has(intent.payment_method);
    if (intent.status !== 'requires_action' || !pending) {
      reply.code(409).send({
        error: {
          type: 'invalid_request_error',
          code: 'payment_intent_unexpected_state',
          message: 'This PaymentIntent is not waiting for 3D Secure authentication.',
        },
      });
      return;
    }
    const outcome = answerThreeDSecure(services, intent, body.outcome === 'complete' ? 'complete' : 'fail');
    reply.send(outcome.ok ? { status: intent.status } : { status: intent.status, error: outcome.error });
  });
}
