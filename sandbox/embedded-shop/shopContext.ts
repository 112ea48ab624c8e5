import type Stripe from 'stripe';
import type { ReferralSnippet } from '../merchant/document';
import type { CustomerSessions, SubscriptionBook } from '../merchant/subscriptionRecords';
import type { KissaItem } from './catalogue';
import type { OrderBook } from './orders';
import type { SaleReporter } from './saleReport';
import type { SignupBook } from './signups';

/** What every route of the embedded shop works with. */
export interface EmbeddedShopContext {
  stripe: Stripe;
  /** The provider's base URL: the checkout page loads Stripe.js from `<provider>/v3/`. */
  providerUrl: string;
  /** Given to Stripe.js in the browser (a publishable key is meant to be public). */
  providerPublishableKey: string;
  /** False with a live secret key: test-only hooks (the test-clock field) are refused. */
  testMode: boolean;
  products: KissaItem[];
  plan: KissaItem;
  orders: OrderBook;
  signups: SignupBook;
  subscriptions: SubscriptionBook;
  customerSessions: CustomerSessions;
  /** The tracking snippet every storefront page carries. */
  snippet: ReferralSnippet;
  /** Reports paid sales to the referral platform's conversions API. */
  sales: SaleReporter;
  /** The merchant API's key (`Authorization: Bearer …`). A secret: never rendered, never logged. */
  apiKey: string;
  /** The shop's own base URL; known once the server listens. */
  shopUrl: string;
  /** The signing secret of the shop's webhook endpoint at the provider; known once it is registered. */
  webhookSecret: string | null;
  /** Ids of provider events already handled (deliveries are at least once). */
  handledEventIds: Set<string>;
}
