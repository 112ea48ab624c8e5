import { FaultSwitches } from '../../sandbox/faults';
import { startSandbox } from '../../sandbox/index';
import type { Target } from '../../src/target/contract';
import { describesExternalIntegration, externalEnvironment } from '../../src/target/externalEnvironment';
import { demoFlows } from './demoFlows';

/**
 * The demo shop on the embedded offline sandbox: one sandbox per worker, on free ports. When
 * REHEARSAL_MERCHANT_URL is set it connects to that running demo shop instead (e.g. `npm run sandbox -- --live`),
 * with the provider and referral platform the environment names, and starts nothing.
 */
export const demoTarget: Target = {
  name: 'demo',
  description: 'The demo shop with the embedded offline sandbox (Stripe-compatible provider and referral platform).',
  catalogue: {
    product: { slug: 'tshirt', name: 'Rehearsal T-shirt', unitAmount: 2000, currency: 'usd' },
    partner: { key: 'alice' },
    plans: [{ slug: 'club', name: 'Rehearsal Club', unitAmount: 1500, currency: 'usd', interval: 'month', intervalCount: 1 }],
  },
  // The pricing page's test hook (`/pricing?test_clock=<id>`, test mode only) puts the customer on a test clock.
  capabilities: { testClock: true },

  async connect({ env }) {
    if (describesExternalIntegration(env)) return externalEnvironment(env);
    const sandbox = await startSandbox({
      providerPort: 0,
      shopPort: 0,
      referralPort: 0,
      faults: FaultSwitches.parse(env.SANDBOX_FAULTS),
    });
    return {
      merchant: { baseUrl: sandbox.shop.url, adminKey: sandbox.shop.adminKey },
      provider: {
        apiBase: sandbox.provider.url,
        secretKey: sandbox.provider.secretKey,
        publishableKey: sandbox.provider.publishableKey,
      },
      referral: {
        apiBase: sandbox.referral.url,
        secretKey: sandbox.referral.apiKey,
        publishableKey: sandbox.referral.publishableKey,
      },
      release: () => sandbox.stop(),
    };
  },

  flows: demoFlows,
};
