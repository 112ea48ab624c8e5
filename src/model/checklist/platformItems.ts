import type { ReferralPlatformName } from '../target/referralPlatform';
import type { ChecklistItemId } from './catalogue';

/**
 * The item of a platform's own go-live list that the purchase flow's attribution decides: the referral id reached
 * Stripe exactly when the platform attributed the sale to the click. The journey adds it to every step tagged
 * `conversion-and-commission-recorded`, and it fails with that item (fixtures/journey/platformAttribution.ts).
 */
export const PLATFORM_ATTRIBUTION_ITEMS: Partial<Record<ReferralPlatformName, ChecklistItemId>> = {
  rewardful: 'rewardful-referral-passed-to-stripe',
  dub: 'dub-click-id-passed-to-stripe',
};

/** The generic item whose steps also decide the platform's attribution item. */
export const ATTRIBUTION_ITEM: ChecklistItemId = 'conversion-and-commission-recorded';
