import { ConfigError } from '../../src/base/configError';
import type { Target } from '../../src/model/target/contract';
import { describesExternalIntegration, externalEnvironment } from '../../src/model/target/externalEnvironment';
import { lanternFlows } from './flows';

/**
 * Lantern & Co. (sandbox/lantern): one brass desk lantern and one monthly plan, the Oil Club, both sold on Stripe's
 * hosted Checkout. A payment-only go-live: no referral programme. No email is collected on the shop's own pages;
 * subscribers cancel in Stripe's customer portal; refunds go through the shop's own JSON API.
 */
const target: Target = {
  name: 'lantern',
  description:
    "Lantern & Co.: one product and one monthly plan on Stripe's hosted Checkout, cancellation in Stripe's customer portal, refunds through the shop's API; no referral programme.",
  catalogue: {
    product: {
      slug: 'desk-lantern',
      name: 'Brass desk lantern',
      // In the currency's minor units: 48.00 usd.
      unitAmount: 4800,
      currency: 'usd',
      price: { lookupKey: 'lantern_desk_lantern' },
    },
    plans: [
      {
        slug: 'oil-club',
        name: 'The Oil Club',
        unitAmount: 1200,
        currency: 'usd',
        interval: 'month',
        intervalCount: 1,
        price: { lookupKey: 'lantern_oil_club_monthly' },
      },
    ],
  },
  // The shop handles every webhook in memory before it answers 200: nothing happens after the answer.
  settleWindowMs: 1000,
  capabilities: {
    paymentForm: 'hosted-checkout',
    // The shop's own refund API (POST /api/orders/:id/refund, bearer MERCHANT_ADMIN_KEY): flows.refundOrder calls it.
    refunds: 'merchant-api',
    // /club?test_clock=clock_… puts the new subscriber on that test clock (test keys only).
    testClock: true,
    // A payment-only go-live: Lantern & Co. runs no referral programme.
    referralProgramme: false,
    // Subscribers cancel in Stripe's customer portal (flows.ts drives it, pages/accountPage.ts opens it).
    cancellation: 'customer-portal',
  },
  goLive: {
    // Stripe.API_VERSION of the installed `stripe` package: the app pins its SDK to it.
    apiVersion: '2026-10-28.endive',
    // The pages a customer's browser loads without paying first.
    customerPages: ['/', '/club', '/account', '/cart?canceled=1'],
  },

  async connect({ env }) {
    // Lantern is already running: targets/lantern/.env says where (REHEARSAL_MERCHANT_URL, STRIPE_*, MERCHANT_*).
    if (!describesExternalIntegration(env)) {
      throw new ConfigError(
        'targets/lantern: REHEARSAL_MERCHANT_URL is not set: copy targets/lantern/.env.example into targets/lantern/.env and fill it in.',
      );
    }
    return externalEnvironment(env, {
      paymentForm: target.capabilities.paymentForm,
      plans: target.catalogue.plans,
      referralProgramme: target.capabilities.referralProgramme,
    });
  },

  flows: lanternFlows,
};

export default target;
