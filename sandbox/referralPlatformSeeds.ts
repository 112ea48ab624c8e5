import { DEMO_PARTNER_KEY, seedProgram } from './dub/seed';
import { STRIPE_APP_EVENTS, stripeAppPath } from './dub/stripeApp/registration';
import { PROVIDER_EVENT_TYPES } from './referral/providerEvents';
import type { SandboxReferralPlatform } from './referralPlatformChoice';
import { SEED_IDS } from './rewardful/seed';
import { REWARDFUL_PROVIDER_EVENTS } from './rewardful/stripe/providerConnection';

/**
 * The programme each platform's seed runs for the demo shop: the partner key its referral links carry (`?via=alice`)
 * and the programme's id (ours `prog_demo`; Rewardful's campaign; Dub's program). Every seed pays 20 % of the sale.
 */
export const REFERRAL_PLATFORM_SEEDS: Record<SandboxReferralPlatform, { partnerKey: string; programId: string }> = {
  'dress-rehearsal': { partnerKey: 'alice', programId: 'prog_demo' },
  rewardful: { partnerKey: SEED_IDS.token, programId: SEED_IDS.campaign },
  dub: { partnerKey: DEMO_PARTNER_KEY, programId: seedProgram().id },
};

/**
 * Where each platform's Stripe integration receives the provider's events (the path on the platform's URL) and which
 * events it subscribes to: what the target declares as the referral platform's required webhook endpoint, so preflight
 * finds a Stripe integration that was never connected. Ours: sandbox/referral/providerRegistration.ts; Rewardful:
 * sandbox/rewardful/stripe/providerConnection.ts (`connectStripe`: the path is written there, not exported); Dub:
 * sandbox/dub/stripeApp/registration.ts (test-mode events go to its `…/test` receiver).
 */
export function providerWebhookOf(platform: SandboxReferralPlatform, mode: 'test' | 'live'): { path: string; events: string[] } {
  switch (platform) {
    case 'rewardful':
      return { path: '/_sandbox/stripe/webhooks', events: [...REWARDFUL_PROVIDER_EVENTS] };
    case 'dub':
      return { path: stripeAppPath(mode), events: [...STRIPE_APP_EVENTS] };
    default:
      return { path: '/v1/provider/webhooks', events: [...PROVIDER_EVENT_TYPES] };
  }
}
