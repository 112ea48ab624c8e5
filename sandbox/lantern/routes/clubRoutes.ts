import type { LanternApp } from '../app';
import { idOf, nowSeconds } from '../app';
import { sessionCookie } from '../browserSessions';
import { loadCatalogue, missingPriceMessage, PLAN_LOOKUP_KEY } from '../catalogue';
import { createSessionForForm, retrieveSession, sessionIdParam, stepForExistingSession, type CheckoutStep } from '../checkoutSessions';
import type { CheckoutForm } from '../checkoutForms';
import { redirect, sendHtml } from '../http';
import { subscriptionNotConfirmedPage, clubPage, welcomePage } from '../pages/clubPages';
import { formExpiredPage, unavailablePage } from '../pages/errorPages';
import type { Router } from '../router';

const PLAN_MISSING = missingPriceMessage('The Oil Club', PLAN_LOOKUP_KEY);

/** The Oil Club: the plan page, "Subscribe", and the welcome page that tells this browser who its customer is. */
export function clubRoutes(router: Router, app: LanternApp): void {
  router.get('/club', async (req, res) => {
    const canceled = req.url.searchParams.get('canceled') === '1';
    const { plan } = await loadCatalogue(app.stripe);
    if (!plan) return sendHtml(res, 503, clubPage(undefined, undefined, { canceled, missing: PLAN_MISSING }));
    const form = { token: app.forms.issue('membership'), testClock: testClockOf(app, req.url.searchParams.get('test_clock')) };
    sendHtml(res, 200, clubPage(plan, form, { canceled }));
  });

  router.post('/club/subscribe', async (req, res) => {
    const fields = await req.form();
    const form = app.forms.find(fields.get('signup_token'), 'membership');
    if (!form) return sendHtml(res, 400, formExpiredPage());
    const step = await app.forms.exclusively(form, () => checkoutForMembership(app, form, testClockOf(app, fields.get('test_clock'))));
    if (step.kind === 'unavailable') return sendHtml(res, 503, unavailablePage('The Oil Club is unavailable', step.message));
    redirect(res, step.location);
  });

  router.get('/club/welcome', async (req, res) => {
    const headers = { 'cache-control': 'no-store' };
    const sessionId = sessionIdParam(req.url);
    if (!sessionId) return sendHtml(res, 400, subscriptionNotConfirmedPage('This link has no subscription reference.'), headers);
    const session = await retrieveSession(app.stripe, sessionId);
    const membership = app.memberships.get(session?.metadata?.membership_id);
    if (!session || !membership || session.mode !== 'subscription' || session.client_reference_id !== membership.id) {
      return sendHtml(res, 404, subscriptionNotConfirmedPage('This reference is not one of our Oil Club sign-ups.'), headers);
    }
    const subscriptionId = idOf(session.subscription);
    if (session.status !== 'complete' || !subscriptionId) {
      return sendHtml(res, 402, subscriptionNotConfirmedPage('This sign-up has not been paid for.'), headers);
    }
    const subscription = await app.stripe.subscriptions.retrieve(subscriptionId);
    const customerId = idOf(subscription.customer)!;
    app.memberships.link(membership, customerId, subscription.id);
    app.memberships.applySnapshot(subscription, nowSeconds());
    const cookie = sessionCookie(app.browsers.start(customerId), app.publicUrl().startsWith('https:'));
    sendHtml(res, 200, welcomePage(subscription.id, subscription.status), { ...headers, 'set-cookie': cookie });
  });
}

/** A test clock id from the page's address or form: used in test mode only (a live key ignores it). */
function testClockOf(app: LanternApp, value: string | null): string | null {
  if (app.live || !value) return null;
  return /^clock_[A-Za-z0-9]+$/.test(value) ? value : null;
}

/**
 * The Checkout Session for a membership form: the one it already has, else a new one (`mode: 'subscription'`),
 * for a customer created on the test clock when one is given (and no customer otherwise: Checkout creates it).
 */
async function checkoutForMembership(app: LanternApp, form: CheckoutForm, testClock: string | null): Promise<CheckoutStep> {
  const existing = await stepForExistingSession(app.stripe, form, (id) => `/club/welcome?session_id=${id}`);
  if (existing) return existing;
  const { plan } = await loadCatalogue(app.stripe);
  if (!plan) return { kind: 'unavailable', message: PLAN_MISSING };
  const membership = app.memberships.get(form.reference) ?? app.memberships.create();
  form.reference = membership.id;
  if (testClock && !form.customerId) {
    const customer = await app.stripe.customers.create(
      { test_clock: testClock, description: `Oil Club member ${membership.id}`, metadata: { membership_id: membership.id } },
      { idempotencyKey: `lantern-customer-${form.token}` },
    );
    form.customerId = customer.id;
    app.memberships.link(membership, customer.id, null);
  }
  const base = app.publicUrl();
  const session = await createSessionForForm(app.stripe, form, {
    mode: 'subscription',
    line_items: [{ price: plan.priceId, quantity: 1 }],
    ...(form.customerId ? { customer: form.customerId } : {}),
    client_reference_id: membership.id,
    metadata: { membership_id: membership.id },
    subscription_data: { metadata: { membership_id: membership.id } },
    success_url: `${base}/club/welcome?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${base}/club?canceled=1`,
  });
  if (!session.url) throw new Error(`Checkout Session ${session.id} has no url.`);
  return { kind: 'redirect', location: session.url };
}
