/**
 * A hosted referral platform the demo shop can work with instead of the sandbox's own: Rewardful or Dub (their
 * emulations, sandbox/rewardful/ and sandbox/dub/). What the shop needs of it: where its tracking script is and the
 * public key the snippet carries, and the platform's stand-in for its dashboard's "add a webhook endpoint" form
 * (neither platform has a public webhook-endpoint API).
 */
export interface HostedReferralPlatformBase {
  /** Where the platform's tracking script is served (Rewardful's rw.js, Dub's analytics script.js). */
  scriptUrl: string;
  /** The public key the snippet carries (Rewardful's API Key in `data-rewardful`, Dub's `dub_pk_…`). */
  publishableKey: string;
  /** Registers the shop's webhook endpoint for `events`, as the merchant does in the dashboard; returns its id and signing secret. */
  registerMerchantEndpoint(url: string, events: string[]): Promise<{ id: string; secret: string }>;
}

export interface RewardfulForShop extends HostedReferralPlatformBase {
  name: 'rewardful';
}

export interface DubForShop extends HostedReferralPlatformBase {
  name: 'dub';
  /** The API the analytics script calls (`data-api-host`, the emulation's own URL). */
  apiHost: string;
  /** The programme's referral-link domain (`data-domains='{"refer":…}'`), when the platform has one. */
  referDomain?: string;
}

export type HostedReferralPlatform = RewardfulForShop | DubForShop;
