import type Stripe from 'stripe';
import type { BillingDetails } from '../payments/payWithCard';
import type { CardFacts } from '../payments/testCards';
import type { PortalLink } from '../portal/portalLinks';

/** Every object kind the provider keeps, by Stripe's `object` name. */
export interface StoredKinds {
  product: Stripe.Product;
  price: Stripe.Price;
  customer: Stripe.Customer;
  'checkout.session': Stripe.Checkout.Session;
  payment_intent: Stripe.PaymentIntent;
  charge: Stripe.Charge;
  refund: Stripe.Refund;
  balance_transaction: Stripe.BalanceTransaction;
  event: Stripe.Event;
  webhook_endpoint: Stripe.WebhookEndpoint;
  subscription: Stripe.Subscription;
  invoice: Stripe.Invoice;
  payment_method: Stripe.PaymentMethod;
  setup_intent: Stripe.SetupIntent;
  'test_helpers.test_clock': Stripe.TestHelpers.TestClock;
  'billing_portal.configuration': Stripe.BillingPortal.Configuration;
  'billing_portal.session': Stripe.BillingPortal.Session;
  coupon: Stripe.Coupon;
  promotion_code: Stripe.PromotionCode;
  discount: Stripe.Discount;
  invoiceitem: Stripe.InvoiceItem;
}
export type Kind = keyof StoredKinds;

/** The in-memory state of one provider: objects by id, plus the few things Stripe keeps off its objects. */
export class ObjectStore {
  /** Every object and event of this provider carries this `livemode` (the mode of its key pair). */
  constructor(readonly livemode = false) {}

  private readonly byId = new Map<string, { kind: Kind; object: StoredKinds[Kind] }>();
  private readonly byKind = new Map<Kind, StoredKinds[Kind][]>();
  /** Checkout session id → its line items (Stripe returns them only through `line_items`). */
  readonly lineItems = new Map<string, Stripe.LineItem[]>();
  /** Ids of deleted customers: Stripe still answers `{ id, object, deleted: true }` for them. */
  readonly deletedCustomers = new Set<string>();
  /** PaymentIntent id → the test PaymentMethod (`pm_card_visa`…) given before confirmation. */
  readonly attachedTestMethods = new Map<string, string>();
  /** Prices created for `price_data`: retrievable, but not listed (as at Stripe). */
  readonly inlinePrices = new Set<string>();
  /** Checkout session id → its `payment_intent_data` (metadata, description, receipt_email). */
  readonly sessionIntentData = new Map<string, Record<string, unknown>>();
  /** Webhook endpoint id → signing secret (shown once, on create). */
  readonly webhookSecrets = new Map<string, string>();
  /** Checkout session id → its `subscription_data` (metadata, description) for `mode=subscription`. */
  readonly sessionSubscriptionData = new Map<string, Record<string, unknown>>();
  /** `mode=subscription` Checkout session id → the PaymentIntent its page charges (the session shows none: Stripe's is the invoice's). */
  readonly subscriptionSessionIntents = new Map<string, string>();
  /** Deleted coupons by id: gone from the API, still behind the discounts that redeemed them (as at Stripe). */
  readonly deletedCoupons = new Map<string, Stripe.Coupon>();
  /** PaymentMethod id → the test card behind it (brand, last4, expiry, outcome; never the number). */
  readonly paymentMethodCards = new Map<string, CardFacts>();
  /** Ids of detached PaymentMethods: Stripe never lets one be attached or used again. */
  readonly detachedPaymentMethods = new Set<string>();
  /** Checkout session id → the card waiting for its 3-D Secure challenge on the hosted page. */
  readonly pendingChallenges = new Map<string, { card: CardFacts; billing: BillingDetails }>();
  /** Invoice id → its payments (Stripe returns them only through `expand[]=payments`). */
  readonly invoicePayments = new Map<string, Stripe.InvoicePayment[]>();
  /** Ids of deleted test clocks (retrievable as `{ id, object, deleted: true }`). */
  readonly deletedTestClocks = new Set<string>();
  /** A customer portal session's URL secret (`test_…`) → the session it opens and when it was first visited. */
  readonly portalLinks = new Map<string, PortalLink>();
  /** Timers the provider started itself (test clock advances); cleared on close. */
  readonly timers = new Set<ReturnType<typeof setTimeout>>();

  add<K extends Kind>(kind: K, object: StoredKinds[K]): StoredKinds[K] {
    this.byId.set(object.id, { kind, object });
    const list = this.byKind.get(kind) ?? [];
    list.push(object);
    this.byKind.set(kind, list);
    return object;
  }

  get<K extends Kind>(kind: K, id: string): StoredKinds[K] | undefined {
    const entry = this.byId.get(id);
    return entry && entry.kind === kind ? (entry.object as StoredKinds[K]) : undefined;
  }

  /** Any stored object by id, whatever its kind (used by `expand`). */
  find(id: string): StoredKinds[Kind] | undefined {
    return this.byId.get(id)?.object;
  }

  /** All objects of a kind, newest first (Stripe's list order). */
  all<K extends Kind>(kind: K): StoredKinds[K][] {
    return [...((this.byKind.get(kind) ?? []) as StoredKinds[K][])].reverse();
  }

  remove(kind: Kind, id: string): void {
    this.byId.delete(id);
    const list = this.byKind.get(kind);
    if (list)
      this.byKind.set(
        kind,
        list.filter((o) => o.id !== id),
      );
  }
}
