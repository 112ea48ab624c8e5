import type { ChecklistItemId } from '../checklist/catalogue';
import type { ReferralPlatformChoice } from '../target/referralPlatformChoice';

/** A go-live checklist item's id, as listed in src/model/checklist/catalogue.ts (e.g. `payout-account-verified`). */
export type { ChecklistItemId };

/**
 * What `rehearsal.config.ts` may set. The environment (and `.env`) wins over every field; leaving a field out keeps
 * the built-in default. There is deliberately no field for a key or a secret: those belong in `.env`.
 */
export interface RehearsalFileConfig {
  /** The target to rehearse: a directory of targets/ (default `demo`; REHEARSAL_TARGET wins). */
  target?: string;
  /** Where the integration runs; each is the default of an environment variable (which wins). */
  urls?: {
    /** The merchant's site: default of REHEARSAL_MERCHANT_URL. */
    merchant?: string;
    /** The payment provider's API: default of REHEARSAL_PROVIDER_API_BASE (else https://api.stripe.com). */
    providerApi?: string;
    /** The referral platform's API: default of REFERRAL_API_BASE. */
    referralApi?: string;
  };
  referral?: {
    /**
     * Your referral platform (wins over the target's `referralPlatform`; REFERRAL_PLATFORM wins over it): `'rewardful'`,
     * `'dub'`, `'dress-rehearsal'`, or a function making the client of your own adapter; docs/referral-adapter.md.
     */
    platform?: ReferralPlatformChoice;
  };
  checklist?: {
    /**
     * Checklist items this rehearsal does not cover: preflight does not run their checks, and the sign-off lists
     * them "skipped with reason: not in this rehearsal's checklist (rehearsal.config.ts)".
     */
    skip?: ChecklistItemId[];
  };
  /**
   * The most one payment may charge, per currency, in minor units (cents for usd, yen for jpy):
   * `{ usd: 5000, jpy: 5000 }`. Live mode needs one for every currency the catalogue uses. REHEARSAL_MAX_AMOUNT,
   * when set, caps every currency instead.
   */
  amountCap?: Record<string, number>;
  /** How long to wait for a webhook, a click or a commission to show up (default 15 000; REHEARSAL_EVENT_TIMEOUT_MS wins). */
  eventTimeoutMs?: number;
  /**
   * How long to watch for what must NOT happen (a second charge, a conversion for a declined card), in ms: the longest
   * your integration may still act on an event after acknowledging it. Default: the target's `settleWindowMs`, else
   * 5 000; never longer than eventTimeoutMs. REHEARSAL_SETTLE_WINDOW_MS wins.
   */
  settleWindowMs?: number;
}

/** Types `rehearsal.config.ts`: `export default defineConfig({ target: 'my-shop', ... })`. Returns the config as given. */
export function defineConfig(config: RehearsalFileConfig): RehearsalFileConfig {
  return config;
}
