import Stripe from 'stripe';
import { createBudgetedHttpClient } from '../rateBudget/budgetedHttpClient';
import { processRateBudgets, type RateBudgets } from '../rateBudget/rateBudgets';
import { createRetryAfterHttpClient } from './retryAfterHttpClient';

/** The Stripe API version the harness is pinned to: the installed SDK's own. */
export const PROVIDER_API_VERSION: string = Stripe.API_VERSION;

const STRIPE_API_HOST = 'api.stripe.com';

/** The harness's name in `X-Stripe-Client-User-Agent` (the sandbox's fault injection can select it by `appName`). */
export const HARNESS_APP_NAME = 'dress-rehearsal';

/**
 * The official Stripe SDK, pointed at `apiBase`: https://api.stripe.com uses the SDK's defaults;
 * anything else (the sandbox's Stripe-compatible provider) sets host, port and protocol from the URL.
 * Resilient as docs/architecture.md asks: the SDK retries connection errors, 409 and 5xx up to 3 times (every POST
 * carries an idempotency key it keeps across retries); the HTTP client retries a 429 after its `Retry-After`.
 * Every request sent, retries included, first waits for a slot of the provider zone's rate budget (src/run/rateBudget).
 */
export function createProviderClient(options: { apiBase: string; secretKey: string; budgets?: RateBudgets }): Stripe {
  const budgets = options.budgets ?? processRateBudgets();
  return new Stripe(options.secretKey, {
    apiVersion: Stripe.API_VERSION,
    ...providerAddress(options.apiBase),
    maxNetworkRetries: 3,
    httpClient: createRetryAfterHttpClient(createBudgetedHttpClient(Stripe.createNodeHttpClient(), budgets, options.secretKey)),
    telemetry: false,
    appInfo: { name: HARNESS_APP_NAME },
  });
}

export function providerAddress(apiBase: string): { host?: string; port?: number; protocol?: 'http' | 'https' } {
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    throw new Error(`The provider API base "${apiBase}" is not a URL; use e.g. http://127.0.0.1:12111.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`The provider API base must be http or https (got ${url.protocol}).`);
  }
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  if (url.hostname === STRIPE_API_HOST && protocol === 'https' && url.port === '') return {};
  const port = url.port === '' ? (protocol === 'https' ? 443 : 80) : Number(url.port);
  // URL keeps IPv6 hosts in brackets; the SDK's http client wants them bare.
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port, protocol };
}
