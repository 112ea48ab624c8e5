import type { FaultSwitches } from '../faults';
import type { ReferralSnippet } from '../merchant/document';

/** The referral platform's sandbox publishable keys, for the fault below (sandbox-only, fake). */
const OTHER_MODE_KEY = { test: 'pk_live_referral_sandbox_0000', live: 'pk_test_referral_sandbox_0000' } as const;

/**
 * The tracking snippet a storefront page carries. The defect `shop.snippet-wrong-mode-key`: the page carries the
 * other mode's referral publishable key (a test shop with the live key, a live shop with the test key), as when
 * a template is deployed with the wrong environment's configuration. Read per page.
 */
export function trackingSnippet(configured: ReferralSnippet, testMode: boolean, faults: FaultSwitches): ReferralSnippet {
  if (!faults.has('shop.snippet-wrong-mode-key')) return configured;
  return { ...configured, publishableKey: OTHER_MODE_KEY[testMode ? 'test' : 'live'] };
}
