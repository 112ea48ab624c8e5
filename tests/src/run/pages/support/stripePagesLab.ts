import { test as base } from '@playwright/test';
import Stripe from 'stripe';
import { startProvider, type HostedCheckoutLayout, type RunningProvider } from '../../../../../sandbox/provider/index';
import type { Customer } from '../../../../../src/model/target/contract';
import { startTestMerchant, type TestMerchant } from './testMerchant';

export { expect } from '@playwright/test';

/** A sandbox provider of its own for one test (hosted page laid out as the test's `hostedCheckout` option), its SDK client and a test merchant. */
export interface StripePagesLab {
  provider: RunningProvider;
  stripe: Stripe;
  merchant: TestMerchant;
}

/** The customer every page test pays as. */
export const CUSTOMER: Customer = {
  email: 'pages@example.test',
  name: 'Rehearsal Buyer',
  billingCountry: 'US',
  billingPostalCode: '94103',
};

/** Playwright's test with `lab` (fresh per test) and the `hostedCheckout` option (`test.use({ hostedCheckout })`). */
export const test = base.extend<{ hostedCheckout: HostedCheckoutLayout | null; lab: StripePagesLab }>({
  hostedCheckout: [null, { option: true }],
  lab: async ({ hostedCheckout }, use) => {
    const provider = await startProvider({ port: 0, hostedCheckout });
    const stripe = new Stripe(provider.secretKey, { host: '127.0.0.1', port: Number(new URL(provider.url).port), protocol: 'http' });
    const merchant = await startTestMerchant(provider);
    try {
      await use({ provider, stripe, merchant });
    } finally {
      await merchant.close();
      await provider.close();
    }
  },
});

/** A one-item payment Checkout Session returning to the test merchant. */
export async function newCheckoutSession(
  lab: StripePagesLab,
  params: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Promise<Stripe.Checkout.Session> {
  return lab.stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [{ price_data: { currency: 'usd', unit_amount: 2000, product_data: { name: 'Rehearsal T-shirt' } }, quantity: 1 }],
    success_url: lab.merchant.successUrl,
    cancel_url: lab.merchant.cancelUrl,
    ...params,
  });
}
