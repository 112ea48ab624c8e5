import type Stripe from 'stripe';
import type { FaultSwitches } from '../faults';
import type { AdminSessions } from './adminAuth';
import type { CatalogueItem } from '../merchant/catalogueItem';
import type { OrderBook } from './orders';
import type { TrackingSnippet } from '../merchant/document';
import type { PlanItem } from './plan';
import type { ReferralLedger } from './referralLedger';
import type { CustomerSessions, SubscriptionBook } from '../merchant/subscriptionRecords';
import type { SignupBook } from './subscriptions';

/** The referral platform the shop works with: the sandbox's own, Rewardful or Dub (see ./hostedReferralPlatform.ts). */
export type ShopReferralPlatformName = 'dress-rehearsal' | 'rewardful' | 'dub';

/** What every route of the shop works with. */
export interface ShopContext {
  /** The SDK, pinned to `apiVersion`. */
  stripe: Stripe;
  /** The API version the shop's code is pinned to (its SDK client and its webhook endpoint); default the SDK's own. */
  apiVersion: string;
  orders: OrderBook;
  /** The one-time products, by slug: the T-shirt (usd) and the tenugui (jpy). */
  products: CatalogueItem[];
  /** The subscription plan (`club`). */
  plan: PlanItem;
  signups: SignupBook;
  subscriptions: SubscriptionBook;
  customerSessions: CustomerSessions;
  /** False with a live secret key: test-only hooks (the test-clock field) are refused. */
  testMode: boolean;
  /** Whose snippet the storefront carries, how the referral goes to Stripe, how `/webhooks/referral` verifies. */
  referralPlatform: ShopReferralPlatformName;
  /** The tracking snippet storefront pages carry, as configured (or as a fault has it: read it per page). */
  readonly snippet: TrackingSnippet;
  /**
   * The provider secret key the shop's server calls the provider with. Never rendered into a page (only the
   * defect `shop.secret-key-in-page` does that), never logged.
   */
  providerSecretKey: string;
  adminKey: string;
  adminSessions: AdminSessions;
  faults: FaultSwitches;
  /** The shop's own base URL; known once the server listens. */
  shopUrl: string;
  /** The signing secret of the shop's webhook endpoint at the provider; known once it is registered. */
  webhookSecret: string | null;
  /**
   * The shop's own webhook endpoint at the referral platform (`/webhooks/referral`): its signing secret, known once
   * registered (null when the shop was started without the platform's secret key), and what it received.
   */
  referralWebhooks: { secret: string | null; ledger: ReferralLedger };
  /** Ids of provider events already handled (deliveries are at least once). */
  handledEventIds: Set<string>;
  /** Aborted when the shop closes: anything still waiting (a deliberately slow webhook answer) gives up. */
  closing: AbortSignal;
}
