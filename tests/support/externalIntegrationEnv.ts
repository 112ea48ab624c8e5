import { DEFAULT_SHOP_ADMIN_KEY } from '../../sandbox/shop/startShop';

/** A running sandbox as `startSandbox()` returns it or `npm run sandbox -- --json` prints it. */
export interface SandboxAddresses {
  provider: { url: string; secretKey: string; publishableKey: string };
  shop: { url: string; adminKey?: string; webhookSecret?: string };
  referral: { url: string; apiKey: string; publishableKey: string };
}

/**
 * The variables that point a rehearsal at an already-running integration (docs/architecture.md, issues 4 and 5),
 * here a sandbox started by the test: REHEARSAL_MERCHANT_URL, the keys, and the shop's webhook endpoint for preflight.
 */
export function externalIntegrationEnv(sandbox: SandboxAddresses): Record<string, string> {
  return {
    REHEARSAL_MERCHANT_URL: sandbox.shop.url,
    REHEARSAL_PROVIDER_API_BASE: sandbox.provider.url,
    STRIPE_SECRET_KEY: sandbox.provider.secretKey,
    STRIPE_PUBLISHABLE_KEY: sandbox.provider.publishableKey,
    REFERRAL_API_BASE: sandbox.referral.url,
    REFERRAL_SECRET_KEY: sandbox.referral.apiKey,
    REFERRAL_PUBLISHABLE_KEY: sandbox.referral.publishableKey,
    MERCHANT_ADMIN_KEY: sandbox.shop.adminKey ?? DEFAULT_SHOP_ADMIN_KEY,
    ...(sandbox.shop.webhookSecret
      ? { MERCHANT_WEBHOOK_URL: `${sandbox.shop.url}/webhooks/stripe`, MERCHANT_WEBHOOK_SECRET: sandbox.shop.webhookSecret }
      : {}),
  };
}
