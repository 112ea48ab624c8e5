import type Stripe from 'stripe';
import type { RewardfulFaults } from './faults';
import type { RewardfulStore } from './store';
import type { RewardfulWebhookSender } from './webhooks/webhookSender';

/** What every route and event handler of the emulation works with. */
export interface RewardfulContext {
  store: RewardfulStore;
  sender: RewardfulWebhookSender;
  faults: RewardfulFaults;
  /** The provider, read as Rewardful's Stripe connection reads it (payment intents, invoices). */
  stripe: Stripe;
  /** The public API key the tracking script must carry (`data-rewardful`). */
  publishableKey: string;
}
