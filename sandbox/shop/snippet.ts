import type { FaultSwitches } from '../faults';
import type { TrackingSnippet } from '../merchant/document';

/** The referral platform's sandbox publishable keys, for the fault below (sandbox-only, fake). */
const OTHER_MODE_KEY = { test: 'pk_live_referral_sandbox_0000', live: 'pk_test_referral_sandbox_0000' } as const;

/**
 * A public key of another account, per platform, for `shop.snippet-wrong-account-key` (sandbox-only, fake). guess:
 * the form of Rewardful's public API Key (its docs show only `YOUR-API-KEY`); Dub's publishable keys are `dub_pk_…`
 * (https://dub.co/docs/api-reference/authentication).
 */
const OTHER_ACCOUNT_KEY = {
  'dress-rehearsal': 'pk_test_referral_other_account_0000',
  rewardful: 'other-account-0000',
  dub: 'dub_pk_other_account_0000',
} as const;

/**
 * The tracking snippet a storefront page carries. Read per page, so a fault switched on at run time shows at once.
 * The defects:
 * - `shop.snippet-wrong-mode-key` (Dress Rehearsal's platform only: Rewardful and Dub have no key per mode): the page
 *   carries the other mode's referral publishable key (a test shop with the live key, a live shop with the test key),
 *   as when a template is deployed with the wrong environment's configuration;
 * - `shop.snippet-wrong-account-key`: the page carries a public key that is not the account's (Rewardful's
 *   `data-rewardful` of another account, say a staging account's), so the platform's script tracks nothing.
 */
export function trackingSnippet(configured: TrackingSnippet, testMode: boolean, faults: FaultSwitches): TrackingSnippet {
  if (faults.has('shop.snippet-wrong-account-key')) {
    return { ...configured, publishableKey: OTHER_ACCOUNT_KEY[configured.platform ?? 'dress-rehearsal'] };
  }
  if (faults.has('shop.snippet-wrong-mode-key') && (configured.platform ?? 'dress-rehearsal') === 'dress-rehearsal') {
    return { ...configured, publishableKey: OTHER_MODE_KEY[testMode ? 'test' : 'live'] };
  }
  return configured;
}
