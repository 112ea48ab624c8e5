import type Stripe from 'stripe';
import { treatAsSecret } from '../../base/redact';
import { createProviderClient } from '../../run/provider/providerClient';
import { noReferralPlatform } from '../../run/referral/noReferralPlatform';
import { referralPlatformFor } from '../../run/referral/referralPlatformFor';
import type { ReferralWebhookEndpoint } from '../../../contracts/referral';
import { runsReferralProgramme } from '../../model/target/referralProgramme';
import { listReferralWebhookEndpoints } from './referralEndpoints';
import type { KnownSecret, PreflightContext, PreflightOptions } from './types';

/** The checklist's limit for the merchant's answer to a signed event. */
export const WEBHOOK_ANSWER_LIMIT_MS = 10_000;

/** Provider calls of a check give up after this long (the SDK's own default is 80 s). */
export const PROVIDER_TIMEOUT_MS = 15_000;

/** The clients and shared lookups every check uses; every configured secret is registered with the redactor. */
export function createPreflightContext(options: PreflightOptions): PreflightContext {
  const { environment } = options;
  const provider = createProviderClient({ apiBase: environment.provider.apiBase, secretKey: environment.provider.secretKey });
  const secrets = knownSecrets(options);
  for (const secret of secrets) registerSecret(secret.value);

  let account: Promise<Stripe.Response<Stripe.Account>> | undefined;
  let endpoints: Promise<Stripe.WebhookEndpoint[]> | undefined;
  let referralEndpoints: Promise<ReferralWebhookEndpoint[]> | undefined;
  let eventCount = 0;
  // A payment-only merchant has no referral platform; its referral checks do not run (runPreflight).
  const referral =
    options.referral ??
    (runsReferralProgramme(options.target) ? referralPlatformFor(options.target, environment) : noReferralPlatform(options.target.name));
  return {
    runId: options.runId,
    mode: options.mode,
    target: options.target,
    environment,
    provider,
    referral,
    ...(options.browser ? { browser: options.browser } : {}),
    webhookAnswerLimitMs: options.webhookAnswerLimitMs ?? WEBHOOK_ANSWER_LIMIT_MS,
    secrets,
    account() {
      account ??= provider.accounts.retrieve(null, {}, { timeout: PROVIDER_TIMEOUT_MS });
      return account;
    },
    async accountIfRead() {
      return account?.catch(() => undefined);
    },
    webhookEndpoints() {
      endpoints ??= provider.webhookEndpoints.list({ limit: 100 }, { timeout: PROVIDER_TIMEOUT_MS }).autoPagingToArray({ limit: 1000 });
      return endpoints;
    },
    referralWebhookEndpoints() {
      referralEndpoints ??= listReferralWebhookEndpoints(referral);
      return referralEndpoints;
    },
    nextEventId() {
      eventCount += 1;
      return `evt_rehearsal_preflight_${options.runId}_${eventCount}`;
    },
  };
}

/** The secrets a customer's browser must never see, as configured for this target. */
function knownSecrets({ environment }: PreflightOptions): KnownSecret[] {
  const candidates: Array<[string, string | undefined]> = [
    ['the provider secret key', environment.provider.secretKey],
    ['the referral platform secret key', environment.referral?.secretKey],
    ["the merchant's admin key", environment.merchant.adminKey],
    ["the merchant's webhook signing secret", environment.merchant.webhook?.signingSecret],
  ];
  return candidates
    .filter((candidate): candidate is [string, string] => typeof candidate[1] === 'string' && candidate[1].trim().length >= 8)
    .map(([label, value]) => ({ label, value: value.trim() }));
}

function registerSecret(value: string): void {
  try {
    treatAsSecret(value);
  } catch {
    // Shorter than the redactor accepts: its shape patterns (sk_…, whsec_…) still apply.
  }
}
