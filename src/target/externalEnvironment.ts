import { ConfigError } from '../config/configError';
import type { TargetEnvironment } from './contract';

export const DEFAULT_PROVIDER_API_BASE = 'https://api.stripe.com';

/** The variables that describe an already-running integration (docs/architecture.md, issue 4). */
export const EXTERNAL_VARIABLES = {
  merchantUrl: 'REHEARSAL_MERCHANT_URL',
  providerApiBase: 'REHEARSAL_PROVIDER_API_BASE',
  providerSecretKey: 'STRIPE_SECRET_KEY',
  providerPublishableKey: 'STRIPE_PUBLISHABLE_KEY',
  referralApiBase: 'REFERRAL_API_BASE',
  referralSecretKey: 'REFERRAL_SECRET_KEY',
  referralPublishableKey: 'REFERRAL_PUBLISHABLE_KEY',
  merchantAdminKey: 'MERCHANT_ADMIN_KEY',
} as const;

/** True when REHEARSAL_MERCHANT_URL names a running integration to connect to (instead of starting a sandbox). */
export function describesExternalIntegration(env: NodeJS.ProcessEnv): boolean {
  return read(env, EXTERNAL_VARIABLES.merchantUrl) !== undefined;
}

/**
 * The running integration the environment describes: merchant site, provider (default https://api.stripe.com)
 * and referral platform. Nothing is started, so `release()` does nothing. Throws a ConfigError naming every
 * missing or malformed variable.
 */
export function externalEnvironment(env: NodeJS.ProcessEnv): TargetEnvironment {
  const v = EXTERNAL_VARIABLES;
  const required = [v.merchantUrl, v.providerSecretKey, v.providerPublishableKey, v.referralApiBase, v.referralSecretKey, v.referralPublishableKey];
  const missing = required.filter((name) => read(env, name) === undefined);
  if (missing.length > 0) {
    throw new ConfigError(
      `${v.merchantUrl} is set, so the rehearsal connects to a running integration, but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set: ` +
        `set ${missing.length === 1 ? 'it' : 'them'} (see .env.example), or unset ${v.merchantUrl} to rehearse the embedded sandbox.`,
    );
  }
  const merchantUrl = url(env, v.merchantUrl);
  const providerApiBase = url(env, v.providerApiBase, DEFAULT_PROVIDER_API_BASE);
  const referralApiBase = url(env, v.referralApiBase);
  const adminKey = read(env, v.merchantAdminKey);
  return {
    merchant: { baseUrl: merchantUrl, ...(adminKey !== undefined ? { adminKey } : {}) },
    provider: { apiBase: providerApiBase, secretKey: read(env, v.providerSecretKey)!, publishableKey: read(env, v.providerPublishableKey)! },
    referral: { apiBase: referralApiBase, secretKey: read(env, v.referralSecretKey)!, publishableKey: read(env, v.referralPublishableKey)! },
    release: async () => {},
  };
}

function read(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function url(env: NodeJS.ProcessEnv, name: string, fallback?: string): string {
  const value = read(env, name) ?? fallback;
  let parsed: URL | undefined;
  try {
    parsed = new URL(value ?? '');
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new ConfigError(`${name}="${value}" is not an http(s) URL: set it to e.g. http://127.0.0.1:4242.`);
  }
  return value!.replace(/\/+$/, '');
}
