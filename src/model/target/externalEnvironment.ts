import { ConfigError } from '../../base/configError';
import { MIN_SECRET_LENGTH } from '../../base/redact';
import type { PaymentForm, RequiredWebhookEndpoint, TargetEnvironment, TargetPlan } from './contract';
import type { ReferralPlatformName } from './referralPlatform';
import { referralPlatformFromEnv, type ReferralPlatformChoice } from './referralPlatformChoice';

export const DEFAULT_PROVIDER_API_BASE = 'https://api.stripe.com';

/**
 * The events the merchant's own endpoint needs when MERCHANT_WEBHOOK_EVENTS does not say, by the target's payment
 * form: hosted Checkout completes a checkout session, a Payment Element confirms a payment intent.
 */
export const DEFAULT_MERCHANT_WEBHOOK_EVENTS: Readonly<Record<PaymentForm, readonly string[]>> = {
  'hosted-checkout': ['checkout.session.completed', 'charge.refunded'],
  'embedded-elements': ['payment_intent.succeeded', 'charge.refunded'],
};

/**
 * The events the merchant's own endpoint also needs when the target declares plans (and MERCHANT_WEBHOOK_EVENTS does
 * not say): a subscription's payments are its invoices (`invoice.paid`, the first and every renewal), and a
 * cancellation ends it (`customer.subscription.deleted`, also when the customer cancels in Stripe's customer portal).
 */
export const PLAN_MERCHANT_WEBHOOK_EVENTS = ['invoice.paid', 'customer.subscription.deleted'] as const;

/** The merchant endpoint's default events: by payment form, plus the subscription events when the target sells plans. */
export function defaultMerchantWebhookEvents(
  paymentForm: PaymentForm = 'hosted-checkout',
  options: { sellsPlans?: boolean } = {},
): string[] {
  return [...DEFAULT_MERCHANT_WEBHOOK_EVENTS[paymentForm], ...(options.sellsPlans ? PLAN_MERCHANT_WEBHOOK_EVENTS : [])];
}

/**
 * The events the referral platform's provider endpoint needs to turn payments and refunds into commissions, when
 * REFERRAL_PROVIDER_WEBHOOK_EVENTS does not say.
 */
export const DEFAULT_REFERRAL_PROVIDER_WEBHOOK_EVENTS = ['checkout.session.completed', 'invoice.paid', 'charge.refunded'] as const;

/** What `externalEnvironment` needs to know about the target itself. */
export interface ExternalEnvironmentOptions {
  /** The target's `capabilities.paymentForm`: chooses the merchant endpoint's default events (default hosted-checkout). */
  paymentForm?: PaymentForm;
  /**
   * The target's `catalogue.plans`: when it has any, the merchant endpoint's default events also include
   * PLAN_MERCHANT_WEBHOOK_EVENTS (`invoice.paid`, `customer.subscription.deleted`).
   */
  plans?: readonly TargetPlan[];
  /**
   * The target's `capabilities.referralProgramme` (default true). `false`, a payment-only merchant: no REFERRAL_*
   * variable is needed or read, the environment names no referral platform, and no referral endpoint is required.
   */
  referralProgramme?: boolean;
  /**
   * The target's `referralPlatform` when it names one. Rewardful and Dub hear of payments through their Stripe app
   * (Stripe Connect), not through a webhook endpoint in the merchant's account: no referral endpoint is required
   * unless REFERRAL_PROVIDER_WEBHOOK_URL names one. REFERRAL_PLATFORM wins over it.
   */
  referralPlatform?: ReferralPlatformChoice;
}

/** The variables that describe an already-running integration (docs/architecture.md, "Configuration for an already-running integration"). */
export const EXTERNAL_VARIABLES = {
  merchantUrl: 'REHEARSAL_MERCHANT_URL',
  providerApiBase: 'REHEARSAL_PROVIDER_API_BASE',
  providerSecretKey: 'STRIPE_SECRET_KEY',
  providerPublishableKey: 'STRIPE_PUBLISHABLE_KEY',
  referralApiBase: 'REFERRAL_API_BASE',
  referralSecretKey: 'REFERRAL_SECRET_KEY',
  referralPublishableKey: 'REFERRAL_PUBLISHABLE_KEY',
  merchantAdminKey: 'MERCHANT_ADMIN_KEY',
  merchantWebhookUrl: 'MERCHANT_WEBHOOK_URL',
  merchantWebhookSecret: 'MERCHANT_WEBHOOK_SECRET',
  merchantWebhookEvents: 'MERCHANT_WEBHOOK_EVENTS',
  referralProviderWebhookUrl: 'REFERRAL_PROVIDER_WEBHOOK_URL',
  referralProviderWebhookEvents: 'REFERRAL_PROVIDER_WEBHOOK_EVENTS',
} as const;

/**
 * Marks an environment `externalEnvironment` built from the variables above. An enumerable symbol: a target that
 * spreads the environment into its own object (`{ ...externalEnvironment(env), release }`) keeps the mark.
 */
const BUILT_FROM_VARIABLES = Symbol('built from REHEARSAL_MERCHANT_URL and the other external variables');

/**
 * True when `externalEnvironment` built this environment: the rehearsal goes to the running integration the
 * variables describe, and every one of EXTERNAL_VARIABLES was read for it.
 */
export function isExternalEnvironment(environment: object): boolean {
  return (environment as { [BUILT_FROM_VARIABLES]?: unknown })[BUILT_FROM_VARIABLES] === true;
}

/** True when REHEARSAL_MERCHANT_URL names a running integration to connect to (instead of starting a sandbox). */
export function describesExternalIntegration(env: NodeJS.ProcessEnv): boolean {
  return read(env, EXTERNAL_VARIABLES.merchantUrl) !== undefined;
}

/**
 * The running integration the environment describes: merchant site (and its webhook endpoint, when
 * MERCHANT_WEBHOOK_URL names it), provider (default https://api.stripe.com), referral platform (none when
 * `options.referralProgramme` is false: then no REFERRAL_* variable is needed or read), and the provider
 * webhook endpoints the integration needs (their events: MERCHANT_WEBHOOK_EVENTS, default by `options.paymentForm`
 * and, when `options.plans` has any, the subscription events;
 * REFERRAL_PROVIDER_WEBHOOK_EVENTS). Nothing is started, so `release()` does nothing. Throws a ConfigError naming
 * every missing or malformed variable (never a secret's value).
 */
export function externalEnvironment(env: NodeJS.ProcessEnv, options: ExternalEnvironmentOptions = {}): TargetEnvironment {
  const v = EXTERNAL_VARIABLES;
  const programme = options.referralProgramme !== false;
  const referralVariables = programme ? [v.referralApiBase, v.referralSecretKey, v.referralPublishableKey] : [];
  const required = [v.merchantUrl, v.providerSecretKey, v.providerPublishableKey, ...referralVariables];
  const missing = required.filter((name) => read(env, name) === undefined);
  if (missing.length > 0) {
    throw new ConfigError(
      `${v.merchantUrl} is set, so the rehearsal connects to a running integration, but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set: ` +
        `set ${missing.length === 1 ? 'it' : 'them'} (see .env.example), or unset ${v.merchantUrl} to rehearse the embedded sandbox.`,
    );
  }
  refuseShortSecrets(env, programme);
  const merchantUrl = baseUrl(env, v.merchantUrl);
  const providerApiBase = baseUrl(env, v.providerApiBase, DEFAULT_PROVIDER_API_BASE);
  const adminKey = read(env, v.merchantAdminKey);
  const merchantWebhook = merchantWebhookOf(
    env,
    defaultMerchantWebhookEvents(options.paymentForm, { sellsPlans: (options.plans?.length ?? 0) > 0 }),
  );
  const platform = referralPlatformFromEnv(env) ?? options.referralPlatform;
  const referral = programme ? referralPlatformOf(env, typeof platform === 'string' ? platform : undefined) : undefined;
  const environment: TargetEnvironment = {
    merchant: {
      baseUrl: merchantUrl,
      ...(adminKey !== undefined ? { adminKey } : {}),
      ...(merchantWebhook ? { webhook: merchantWebhook.webhook } : {}),
    },
    provider: {
      apiBase: providerApiBase,
      secretKey: read(env, v.providerSecretKey)!,
      publishableKey: read(env, v.providerPublishableKey)!,
    },
    ...(referral ? { referral: referral.access } : {}),
    requiredWebhookEndpoints: [...(merchantWebhook ? [merchantWebhook.required] : []), ...(referral?.required ? [referral.required] : [])],
    release: async () => {},
  };
  Object.defineProperty(environment, BUILT_FROM_VARIABLES, { value: true, enumerable: true });
  return environment;
}

/**
 * The referral platform's API and keys, and the provider webhook endpoint it needs (REFERRAL_*): none for a platform
 * connected through its Stripe app (PLATFORMS_WITH_STRIPE_APP) unless REFERRAL_PROVIDER_WEBHOOK_URL names one.
 */
function referralPlatformOf(
  env: NodeJS.ProcessEnv,
  platform: ReferralPlatformName | undefined,
): {
  access: NonNullable<TargetEnvironment['referral']>;
  required?: RequiredWebhookEndpoint;
} {
  const v = EXTERNAL_VARIABLES;
  const apiBase = baseUrl(env, v.referralApiBase);
  const access = { apiBase, secretKey: read(env, v.referralSecretKey)!, publishableKey: read(env, v.referralPublishableKey)! };
  const throughStripeApp = platform !== undefined && PLATFORMS_WITH_STRIPE_APP.includes(platform);
  if (throughStripeApp && read(env, v.referralProviderWebhookUrl) === undefined) return { access };
  return {
    access,
    required: {
      name: 'the referral platform',
      url: httpUrl(env, v.referralProviderWebhookUrl, `${apiBase}/v1/provider/webhooks`),
      events: eventList(env, v.referralProviderWebhookEvents, DEFAULT_REFERRAL_PROVIDER_WEBHOOK_EVENTS),
    },
  };
}

/**
 * Platforms that hear of payments through their Stripe app, installed on the merchant's account: Rewardful
 * (https://help.rewardful.com/en/articles/2213091-how-does-rewardful-use-my-stripe-account) and Dub
 * (https://dub.co/docs/integrations/stripe). guess: such an app receives the account's events through Stripe Connect,
 * so no endpoint of the app appears among the account's own webhook endpoints (neither platform documents it).
 */
const PLATFORMS_WITH_STRIPE_APP: readonly ReferralPlatformName[] = ['rewardful', 'dub'];

/** The merchant's own endpoint, when MERCHANT_WEBHOOK_URL names it; its secret alone is a mistake worth saying. */
function merchantWebhookOf(
  env: NodeJS.ProcessEnv,
  defaultEvents: readonly string[],
): { webhook: { url: string; signingSecret?: string }; required: RequiredWebhookEndpoint } | undefined {
  const v = EXTERNAL_VARIABLES;
  const signingSecret = read(env, v.merchantWebhookSecret);
  if (read(env, v.merchantWebhookUrl) === undefined) {
    if (signingSecret !== undefined) {
      throw new ConfigError(
        `${v.merchantWebhookSecret} is set but ${v.merchantWebhookUrl} is not: set the URL of the merchant's webhook endpoint it signs for.`,
      );
    }
    return undefined;
  }
  const url = httpUrl(env, v.merchantWebhookUrl);
  return {
    webhook: { url, ...(signingSecret !== undefined ? { signingSecret } : {}) },
    required: { name: 'the merchant', url, events: eventList(env, v.merchantWebhookEvents, defaultEvents) },
  };
}

/** The variables holding secrets the rehearsal registers for redaction. */
const SECRET_VARIABLES = [
  EXTERNAL_VARIABLES.providerSecretKey,
  EXTERNAL_VARIABLES.referralSecretKey,
  EXTERNAL_VARIABLES.merchantAdminKey,
  EXTERNAL_VARIABLES.merchantWebhookSecret,
] as const;

/**
 * A set secret shorter than MIN_SECRET_LENGTH is a ConfigError naming the variable (never its value); without a
 * referral programme REFERRAL_SECRET_KEY is not read, so not judged.
 */
function refuseShortSecrets(env: NodeJS.ProcessEnv, referralProgramme: boolean): void {
  const judged = SECRET_VARIABLES.filter((name) => referralProgramme || name !== EXTERNAL_VARIABLES.referralSecretKey);
  const short = judged.filter((name) => {
    const value = read(env, name);
    return value !== undefined && value.length < MIN_SECRET_LENGTH;
  });
  if (short.length === 0) return;
  throw new ConfigError(
    `${short.join(', ')} ${short.length === 1 ? 'is' : 'are'} shorter than ${MIN_SECRET_LENGTH} characters, too short to be kept out of the reports: ` +
      `set ${short.length === 1 ? 'it' : 'them'} to the real secret${short.length === 1 ? '' : 's'} (see .env.example)` +
      `${short.includes(EXTERNAL_VARIABLES.merchantAdminKey) ? `, or unset ${EXTERNAL_VARIABLES.merchantAdminKey} if your target's flows do not need it` : ''}.`,
  );
}

/** A comma-separated list of provider event types (`*` allowed); blank entries are dropped; unset → `fallback`. */
function eventList(env: NodeJS.ProcessEnv, name: string, fallback: readonly string[]): string[] {
  const text = read(env, name);
  if (text === undefined) return [...fallback];
  const events = text
    .split(',')
    .map((event) => event.trim())
    .filter(Boolean);
  const invalid = events.filter((event) => event !== '*' && !/^[a-z_]+(\.[a-z_]+)+$/.test(event));
  if (events.length === 0 || invalid.length > 0) {
    throw new ConfigError(`${name}="${text}" is not a comma-separated list of event types: set it to e.g. ${fallback.join(',')}.`);
  }
  return events;
}

function read(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** An http(s) URL exactly as given (a webhook endpoint's URL is compared as it is registered). */
function httpUrl(env: NodeJS.ProcessEnv, name: string, fallback?: string): string {
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
  return value!;
}

/** An http(s) base URL without its trailing slashes. */
function baseUrl(env: NodeJS.ProcessEnv, name: string, fallback?: string): string {
  return httpUrl(env, name, fallback).replace(/\/+$/, '');
}
