import type { LanternApp } from '../app';
import { idOf } from '../app';
import { LANTERN_LOOKUP_KEY, loadCatalogue, missingPriceMessage } from '../catalogue';
import { createSessionForForm, retrieveSession, sessionIdParam, stepForExistingSession, type CheckoutStep } from '../checkoutSessions';
import type { CheckoutForm } from '../checkoutForms';
import { redirect, sendHtml } from '../http';
import { formExpiredPage, unavailablePage } from '../pages/errorPages';
import { cartPage, homePage, paymentNotConfirmedPage, thanksPage } from '../pages/shopPages';
import type { Router } from '../router';

const LANTERN_MISSING = missingPriceMessage('The brass desk lantern', LANTERN_LOOKUP_KEY);

/** The lantern: home page, "Buy now", the thanks page and Checkout's way back. */
export function shopRoutes(router: Router, app: LanternApp): void {
  router.get('/', async (_req, res) => {
    const { lantern } = await loadCatalogue(app.stripe);
    if (!lantern) return sendHtml(res, 503, homePage(undefined, undefined, LANTERN_MISSING));
    sendHtml(res, 200, homePage(lantern, app.forms.issue('order'), undefined));
  });

  router.post('/buy', async (req, res) => {
    const form = app.forms.find((await req.form()).get('order_token'), 'order');
    if (!form) return sendHtml(res, 400, formExpiredPage());
    const step = await app.forms.exclusively(form, () => checkoutForOrder(app, form));
    if (step.kind === 'unavailable') return sendHtml(res, 503, unavailablePage('The lantern is unavailable', step.message));
    redirect(res, step.location);
  });

  router.get('/thanks', async (req, res) => {
    const headers = { 'cache-control': 'no-store' };
    const sessionId = sessionIdParam(req.url);
    if (!sessionId) return sendHtml(res, 400, paymentNotConfirmedPage('This link has no payment reference.'), headers);
    const session = await retrieveSession(app.stripe, sessionId);
    const order = app.orders.get(session?.metadata?.order_id);
    if (!session || !order || session.mode !== 'payment' || session.client_reference_id !== order.id) {
      return sendHtml(res, 404, paymentNotConfirmedPage('This payment reference is not one of our orders.'), headers);
    }
    // The URL proves nothing: only a session Stripe says is paid shows an order.
    if (session.payment_status !== 'paid') {
      return sendHtml(res, 402, paymentNotConfirmedPage('This payment has not been completed.'), headers);
    }
    app.orders.markPaid(order, {
      sessionId: session.id,
      paymentIntentId: idOf(session.payment_intent),
      amount: session.amount_total,
      currency: session.currency,
    });
    sendHtml(res, 200, thanksPage(order), headers);
  });

  router.get('/cart', (req, res) => {
    sendHtml(res, 200, cartPage(req.url.searchParams.get('canceled') === '1'));
  });
}

/** The Checkout Session for an order form: the one it already has (see stepForExistingSession), else a new one. */
async function checkoutForOrder(app: LanternApp, form: CheckoutForm): Promise<CheckoutStep> {
  const existing = await stepForExistingSession(app.stripe, form, (id) => `/thanks?session_id=${id}`);
  if (existing) return existing;
  const { lantern } = await loadCatalogue(app.stripe);
  if (!lantern) return { kind: 'unavailable', message: LANTERN_MISSING };
  const order = app.orders.get(form.reference) ?? app.orders.create();
  form.reference = order.id;
  const base = app.publicUrl();
  const session = await createSessionForForm(app.stripe, form, {
    mode: 'payment',
    line_items: [{ price: lantern.priceId, quantity: 1 }],
    client_reference_id: order.id,
    metadata: { order_id: order.id },
    payment_intent_data: { metadata: { order_id: order.id } },
    success_url: `${base}/thanks?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${base}/cart?canceled=1`,
  });
  order.sessionId = session.id;
  if (!session.url) throw new Error(`Checkout Session ${session.id} has no url.`);
  return { kind: 'redirect', location: session.url };
}
