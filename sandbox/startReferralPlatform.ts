import type { FaultSwitches } from './faults';
import { startDub } from './dub/index';
import { startReferral } from './referral/index';
import type { SandboxReferralPlatform } from './referralPlatformChoice';
import { providerWebhookOf, REFERRAL_PLATFORM_SEEDS } from './referralPlatformSeeds';
import { startRewardful } from './rewardful/index';
import type { HostedReferralPlatform } from './shop/hostedReferralPlatform';
import type { WebhookReach } from './webhookReach';
import type { WebhookRetry } from './webhookRetry';

/** The referral platform a sandbox runs, whichever it is, in the words the rest of the sandbox needs. */
export interface StartedReferralPlatform {
  platform: SandboxReferralPlatform;
  url: string;
  /** The secret API key (ours: `sk_…`; Rewardful's API Secret; Dub's `dub_…`). A secret: never log it. */
  apiKey: string;
  /** The public key its tracking snippet carries (ours: `pk_…`; Rewardful's API Key; Dub's `dub_pk_…`). */
  publishableKey: string;
  /** The platform's webhook endpoint at the provider (its Stripe integration), and the events it subscribes to. */
  providerWebhook: { url: string; events: string[] };
  /** What the demo shop needs of a hosted platform (Rewardful, Dub); absent for ours (the shop calls its API). */
  forShop?: HostedReferralPlatform;
  close(): Promise<void>;
}

export interface ReferralPlatformStart {
  platform: SandboxReferralPlatform;
  mode: 'test' | 'live';
  host: string;
  port: number;
  provider: { url: string; secretKey: string };
  faults: FaultSwitches;
  reach: WebhookReach;
  webhookRetry?: WebhookRetry;
}

/**
 * Starts the chosen referral platform beside the running provider: ours (sandbox/referral/), or the emulation of
 * Rewardful (sandbox/rewardful/) or Dub (sandbox/dub/). Each subscribes to the provider's events as that platform's
 * Stripe integration does (unless a fault says it was never connected).
 */
export async function startReferralPlatform(options: ReferralPlatformStart): Promise<StartedReferralPlatform> {
  const { platform, mode, host, port, provider, faults, reach } = options;
  const webhook = providerWebhookOf(platform, mode);
  const retry = options.webhookRetry ? { webhookRetry: options.webhookRetry } : {};
  if (platform === 'rewardful') {
    const running = await startRewardful({ port, host, provider, faults, reach, mode, ...retry });
    await assertDemoSeed(platform, running);
    return {
      platform,
      url: running.url,
      apiKey: running.secretKey,
      publishableKey: running.publishableKey,
      providerWebhook: { url: `${running.url}${webhook.path}`, events: webhook.events },
      forShop: {
        name: 'rewardful',
        scriptUrl: running.scriptUrl,
        publishableKey: running.publishableKey,
        registerMerchantEndpoint: (url, events) => running.registerMerchantEndpoint(url, events),
      },
      close: () => running.stop(),
    };
  }
  if (platform === 'dub') {
    const running = await startDub({ port, host, provider, faults, reach, mode, ...retry });
    await assertDemoSeed(platform, running);
    return {
      platform,
      url: running.url,
      apiKey: running.secretKey,
      publishableKey: running.publishableKey,
      providerWebhook: { url: `${running.url}${webhook.path}`, events: webhook.events },
      forShop: {
        name: 'dub',
        scriptUrl: running.scriptUrl,
        publishableKey: running.publishableKey,
        apiHost: running.url,
        referDomain: running.seed.domain,
        registerMerchantEndpoint: (url, events) => running.registerMerchantEndpoint(url, events),
      },
      close: () => running.stop(),
    };
  }
  const referral = await startReferral({
    mode,
    host,
    port,
    providerUrl: provider.url,
    providerSecretKey: provider.secretKey,
    faults,
    webhookRetry: options.webhookRetry,
    webhookReach: reach,
  });
  return {
    platform,
    url: referral.url,
    apiKey: referral.apiKey,
    publishableKey: referral.publishableKey,
    providerWebhook: { url: `${referral.url}${webhook.path}`, events: webhook.events },
    close: () => referral.close(),
  };
}

/** The emulation seeded the demo programme targets/demo expects (REFERRAL_PLATFORM_SEEDS); else it is stopped and this throws. */
async function assertDemoSeed(
  platform: SandboxReferralPlatform,
  running: { seed: { partnerKey: string; programId: string }; stop(): Promise<void> },
): Promise<void> {
  const expected = REFERRAL_PLATFORM_SEEDS[platform];
  if (running.seed.partnerKey === expected.partnerKey && running.seed.programId === expected.programId) return;
  await running.stop();
  throw new Error(`The ${platform} emulation's seed is not the demo programme of sandbox/referralPlatformSeeds.ts: make them agree.`);
}
