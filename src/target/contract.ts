import type { Locator, Page } from '@playwright/test';

/** Where the harness finds the three parties of one integration, for one Playwright worker. */
export interface TargetEnvironment {
  /**
   * The merchant's site, as a customer opens it. `adminKey` is the merchant's admin credential, for targets
   * that refund through an admin UI: a secret, to be typed into the page and never logged or attached.
   */
  merchant: { baseUrl: string; adminKey?: string };
  /** The payment provider's API (Stripe, or the sandbox's Stripe-compatible provider). */
  provider: { apiBase: string; secretKey: string; publishableKey: string };
  /** The referral platform's API. */
  referral: { apiBase: string; secretKey: string; publishableKey: string };
  /** Releases what `connect` started (the demo stops its sandbox); a no-op for a real site. */
  release(): Promise<void>;
}

/** What the scenarios buy: the product the target sells and the partner whose link is opened. */
export interface TargetCatalogue {
  product: { slug: string; name: string; unitAmount: number; currency: string };
  partner: { key: string };
}

export interface Customer {
  email: string;
  name: string;
  /** ISO 3166-1 alpha-2, as the payment page's country select takes it. */
  billingCountry: string;
  billingPostalCode: string;
}

export interface Card {
  number: string;
  expiry: string;
  cvc: string;
}

/** The order as the merchant's own success page shows it. */
export interface MerchantOrder {
  orderId: string;
  checkoutSessionId: string;
  status: string;
  amountText: string;
}

/** The filled payment page, before it is submitted. */
export interface FilledPaymentPage {
  /** The fields holding card data: mask them in any screenshot. */
  cardFields: Locator[];
}

/** The browser steps of the rehearsed flows, as one target performs them. */
export interface TargetFlows {
  /** Opens the partner's referral link; resolves once the tracking snippet has recorded the click. */
  openReferralLink(partnerKey: string, runId: string): Promise<{ url: string; clickId: string }>;
  /** From the product page to the provider's payment page. */
  startCheckout(productSlug: string, customer: Customer): Promise<void>;
  /** Fills the provider's payment page without submitting it. */
  fillPayment(card: Card, customer: Customer): Promise<FilledPaymentPage>;
  /** Submits the filled payment page; resolves on the merchant's success page. */
  submitPayment(): Promise<void>;
  /** Reads the order from the merchant's success page. */
  readOrder(): Promise<MerchantOrder>;
  /** Refunds the order the way the merchant does (admin UI for the demo); resolves when the merchant shows it refunded. */
  refundOrder(orderId: string): Promise<{ status: string }>;
}

export interface Target {
  name: string;
  description: string;
  catalogue: TargetCatalogue;
  /** Starts or connects to what this target needs for one worker (the demo starts the embedded sandbox). */
  connect(options: { workerIndex: number; env: NodeJS.ProcessEnv }): Promise<TargetEnvironment>;
  /** The browser flows on one page. */
  flows(page: Page, environment: TargetEnvironment): TargetFlows;
}
