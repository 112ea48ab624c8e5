import type { LanternApp } from '../app';
import { nowSeconds } from '../app';
import { SESSION_COOKIE } from '../browserSessions';
import { loadCatalogue } from '../catalogue';
import { redirect, sendHtml } from '../http';
import type { SubscriptionRecord } from '../memberships';
import { accountPage, noAccountPage } from '../pages/clubPages';
import { unavailablePage } from '../pages/errorPages';
import type { Router } from '../router';

/** The customer's account: their subscriptions, and "Manage billing" (Stripe's customer portal). */
export function accountRoutes(router: Router, app: LanternApp): void {
  router.get('/account', async (req, res) => {
    const headers = { 'cache-control': 'no-store' };
    const customerId = app.browsers.customerOf(req.cookie(SESSION_COOKIE));
    if (!customerId) return sendHtml(res, 200, noAccountPage(), headers);
    const subscriptions = await subscriptionsOf(app, customerId);
    const { plan } = await loadCatalogue(app.stripe);
    const planName = (priceId: string | null) => (plan && priceId === plan.priceId ? plan.name : 'Oil Club');
    sendHtml(res, 200, accountPage(subscriptions, planName), headers);
  });

  router.post('/account/billing', async (req, res) => {
    const customerId = app.browsers.customerOf(req.cookie(SESSION_COOKIE));
    if (!customerId) return redirect(res, '/account');
    let url: string;
    try {
      const portal = await app.stripe.billingPortal.sessions.create({ customer: customerId, return_url: `${app.publicUrl()}/account` });
      url = portal.url;
    } catch (error) {
      app.warn(`could not open the billing portal: ${(error as Error).message}`);
      return sendHtml(
        res,
        502,
        unavailablePage(
          'Billing is unavailable',
          'We could not open the billing page at our payment provider. Please try again in a few minutes.',
        ),
      );
    }
    redirect(res, url);
  });
}

/**
 * The customer's subscriptions as the shop knows them (webhooks keep them current); when it knows none yet, or
 * one whose status no event has told, they are read from the API once.
 */
async function subscriptionsOf(app: LanternApp, customerId: string): Promise<SubscriptionRecord[]> {
  const known = app.memberships.subscriptionsOf(customerId);
  if (known.length > 0 && known.every((s) => s.status !== null)) return known;
  const listed = await app.stripe.subscriptions.list({ customer: customerId, status: 'all', limit: 20 });
  const asOf = nowSeconds();
  for (const subscription of listed.data) {
    const record = app.memberships.subscription(subscription.id);
    if (!record || record.status === null) app.memberships.applySnapshot(subscription, asOf);
  }
  return app.memberships.subscriptionsOf(customerId);
}
