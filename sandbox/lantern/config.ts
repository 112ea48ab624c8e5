/**
 * Lantern & Co.'s settings, read from the environment when it runs on its own (`node --import tsx
 * sandbox/lantern/server.ts`). Nothing here is printed: the secret key, webhook secret and admin key stay in memory.
 */
export interface LanternOptions {
  /** `sk_test_…` or `sk_live_…` (a restricted `rk_…` key works too). Required. */
  stripeSecretKey: string;
  /** Where the Stripe API is (default https://api.stripe.com); the sandbox provider is e.g. http://127.0.0.1:12111. */
  stripeApiBase?: string;
  /** The signing secret (`whsec_…`) of this app's webhook endpoint; without it every webhook is refused. */
  webhookSecret?: string;
  /** The bearer key of the order API (`/api/orders/…`); without it the API refuses every request. */
  adminKey?: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 4300; 0 picks a free port. */
  port?: number;
  /** This app's own base URL, for Checkout's return URLs (default http://<host>:<port>). */
  publicUrl?: string;
  /** One line per request on stderr. */
  log?: boolean;
}

export const DEFAULT_PORT = 4300;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_STRIPE_API_BASE = 'https://api.stripe.com';

/** A setting that is missing or malformed: the message names the variable and what to do. */
export class LanternConfigError extends Error {
  override name = 'LanternConfigError';
}

/** The options from `LANTERN_*` and `STRIPE_*` variables; throws LanternConfigError on a missing or bad one. */
export function lanternOptionsFromEnv(env: NodeJS.ProcessEnv): LanternOptions {
  const stripeSecretKey = env.STRIPE_SECRET_KEY?.trim();
  if (!stripeSecretKey)
    throw new LanternConfigError('STRIPE_SECRET_KEY is not set: set it to your Stripe secret key (sk_test_… for test mode).');
  if (!/^(sk|rk)_(test|live)_/.test(stripeSecretKey)) {
    throw new LanternConfigError(
      'STRIPE_SECRET_KEY is not a Stripe secret key: it must start with sk_test_, sk_live_, rk_test_ or rk_live_.',
    );
  }
  const portText = env.LANTERN_PORT?.trim();
  const port = portText ? Number(portText) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new LanternConfigError(`LANTERN_PORT must be a port number from 0 to 65535 (0 picks a free one), not "${portText}".`);
  }
  const stripeApiBase = env.STRIPE_API_BASE?.trim() || undefined;
  if (stripeApiBase) stripeAddress(stripeApiBase); // throws on a bad URL
  const publicUrl = env.LANTERN_PUBLIC_URL?.trim() || undefined;
  if (publicUrl) checkedPublicUrl(publicUrl);
  return {
    stripeSecretKey,
    stripeApiBase,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET?.trim() || undefined,
    adminKey: env.LANTERN_ADMIN_KEY?.trim() || undefined,
    host: env.LANTERN_HOST?.trim() || DEFAULT_HOST,
    port,
    publicUrl,
    log: env.LANTERN_LOG === '1',
  };
}

/** The SDK's `host`, `port` and `protocol` for an API base URL such as http://127.0.0.1:12111. */
export function stripeAddress(apiBase: string): { host: string; port: number; protocol: 'http' | 'https' } {
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    throw new LanternConfigError(`STRIPE_API_BASE is not a URL: "${apiBase}" (e.g. https://api.stripe.com or http://127.0.0.1:12111).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LanternConfigError(`STRIPE_API_BASE must be an http:// or https:// URL, not "${apiBase}".`);
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new LanternConfigError(`STRIPE_API_BASE must be a bare origin with no path (e.g. http://127.0.0.1:12111), not "${apiBase}".`);
  }
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === 'https' ? 443 : 80, protocol };
}

/** The public base URL without a trailing slash; throws LanternConfigError when it is not an http(s) URL. */
export function checkedPublicUrl(publicUrl: string): string {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new LanternConfigError(`LANTERN_PUBLIC_URL is not a URL: "${publicUrl}" (e.g. http://127.0.0.1:4300).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LanternConfigError(`LANTERN_PUBLIC_URL must be an http:// or https:// URL, not "${publicUrl}".`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Test or live, from the key's prefix: the app checks every webhook event against it. */
export function keyIsLive(secretKey: string): boolean {
  return /^(sk|rk)_live_/.test(secretKey);
}
