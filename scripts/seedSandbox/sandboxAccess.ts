import Stripe from 'stripe';
import {
  DEFAULT_LIVE_PUBLISHABLE_KEY,
  DEFAULT_LIVE_SECRET_KEY,
  DEFAULT_PUBLISHABLE_KEY,
  DEFAULT_SECRET_KEY,
} from '../../sandbox/provider/index';
import { sdkAddressOf } from '../../sandbox/provider/sdkAddress';
import { DEFAULT_REFERRAL_KEYS } from '../../sandbox/referral/index';
import { SeedError } from './seedError';

const START_IT = 'start it with `npm run sandbox -- --no-merchant`';

/** The running sandbox as the seed reaches it: the provider through the official SDK, the referral platform's API. */
export interface SandboxAccess {
  mode: 'test' | 'live';
  provider: { url: string; secretKey: string; publishableKey: string; stripe: Stripe };
  referral: { url: string; apiKey: string; publishableKey: string };
}

/**
 * Finds the sandbox at the URLs given and which of its fixed key pairs it serves (test, else live). Nothing that
 * answers `/_sandbox/health` at the provider's URL is a SeedError (exit 2) saying how to start it; the referral
 * platform is checked only when `withReferral`.
 */
export async function reachSandbox(providerUrl: string, referralUrl: string, withReferral: boolean): Promise<SandboxAccess> {
  await requireHealthy('sandbox provider', providerUrl, '--provider-url');
  if (withReferral) await requireHealthy('sandbox referral platform', referralUrl, '--referral-url');
  for (const mode of ['test', 'live'] as const) {
    const secretKey = mode === 'test' ? DEFAULT_SECRET_KEY : DEFAULT_LIVE_SECRET_KEY;
    const stripe = new Stripe(secretKey, {
      ...sdkAddressOf(providerUrl),
      maxNetworkRetries: 2,
      timeout: 10_000,
      telemetry: false,
      appInfo: { name: 'dress-rehearsal-seed' },
    });
    const accepted = await stripe.accounts.retrieveCurrent().then(
      () => true,
      (error: unknown) => {
        if (error instanceof Stripe.errors.StripeAuthenticationError) return false;
        throw new SeedError(
          `The sandbox provider at ${providerUrl} failed to answer GET /v1/account (${(error as Error).message}): restart it and seed again.`,
        );
      },
    );
    if (accepted) {
      return {
        mode,
        provider: {
          url: providerUrl,
          secretKey,
          publishableKey: mode === 'test' ? DEFAULT_PUBLISHABLE_KEY : DEFAULT_LIVE_PUBLISHABLE_KEY,
          stripe,
        },
        referral: { url: referralUrl, ...DEFAULT_REFERRAL_KEYS[mode] },
      };
    }
  }
  throw new SeedError(
    `The provider at ${providerUrl} accepts neither of the sandbox's keys: it is not the Dress Rehearsal sandbox; ${START_IT}, or give its --provider-url.`,
  );
}

async function requireHealthy(what: string, url: string, flag: string): Promise<void> {
  const healthy = await fetch(`${url}/_sandbox/health`, { signal: AbortSignal.timeout(5_000) }).then(
    async (response) => response.ok && ((await response.json().catch(() => ({}))) as { ok?: unknown }).ok === true,
    () => false,
  );
  if (!healthy) throw new SeedError(`No ${what} answers at ${url}: ${START_IT} (or give its ${flag}).`);
}

/**
 * One call to the referral platform's API with its secret key; JSON in and out. Resolves with the status and body
 * (a 4xx is for the caller to read); a network failure or a 5xx is a SeedError.
 */
export async function referralCall(
  access: SandboxAccess,
  method: 'GET' | 'POST',
  path: string,
  body?: Record<string, unknown>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${access.referral.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${access.referral.apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(10_000),
  }).catch((error: Error) => {
    throw new SeedError(
      `The referral platform at ${access.referral.url} did not answer ${method} ${path} (${error.message}): is the sandbox still running?`,
    );
  });
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.status >= 500 || response.status === 401) {
    throw new SeedError(
      `The referral platform at ${access.referral.url} answered ${method} ${path} with ${response.status}: restart the sandbox and seed again.`,
    );
  }
  return { status: response.status, body: answer };
}
