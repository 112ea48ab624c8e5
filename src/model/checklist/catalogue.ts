import type { ChecklistItemDefinition } from './itemDefinition';

/**
 * The go-live checklist, as code. Every item is decided by preflight checks (`checks`), by the rehearsed flows'
 * steps tagged with its id (`flows`), by evidence of its own (`rules`), or by the operator's attestation (`manual`).
 * Order is the order of the sign-off report.
 */
const ITEMS = [
  // Keys and API version
  {
    id: 'keys-valid-for-mode',
    title: "The payment and referral keys work, and all of them belong to this run's mode (test or live), never mixed",
    why: 'A test key left in live mode takes no real money; a mixed set sends payments and referrals to different worlds.',
    source: 'stripe-go-live',
    sourceDetail: 'Stripe go-live checklist: replace test API keys with live keys',
    severity: 'blocking',
    checks: ['keys.authenticate', 'keys.mode'],
  },
  {
    id: 'api-version-pinned',
    title: 'The integration is pinned to one provider API version, and the events it receives are in that version',
    why: "An unpinned integration changes behaviour the day the provider's default version changes.",
    source: 'stripe-go-live',
    sourceDetail: 'Stripe go-live checklist: set the API version; webhook endpoints use the version the code expects',
    severity: 'blocking',
    checks: ['provider.api-version-endpoints', 'provider.api-version-events'],
  },
  {
    id: 'secret-keys-not-in-browser',
    title: "No secret key appears in any page or script the customer's browser loads",
    why: 'A secret key in a page lets anyone who opens it move money and read customer data.',
    source: 'stripe-go-live',
    sourceDetail: 'Stripe go-live checklist: keep secret keys out of client-side code',
    severity: 'blocking',
    checks: ['browser.no-secret-keys'],
  },
  {
    id: 'request-ids-logged',
    title: 'Every call to the payment provider is logged with its request id',
    why: "Without request ids, support cannot trace a failed payment in the provider's logs.",
    source: 'payments-runbook',
    sourceDetail: 'Payments runbook: log the provider Request-Id of every API call',
    severity: 'warning',
    checks: ['provider.request-ids'],
    flows: ['referral-purchase-refund', 'subscribe-renew-cancel', 'declines', 'duplicate-submit', 'zero-decimal-purchase'],
    rules: ['provider-calls-carry-request-ids'],
  },
  // Webhooks
  {
    id: 'webhook-endpoints-registered',
    title: "The shop's and the referral platform's webhook endpoints are registered, enabled, and subscribed to every event they need",
    why: 'A missing event subscription means orders are never fulfilled or commissions never reversed, silently.',
    source: 'referral-go-live',
    sourceDetail:
      'Referral platform go-live list: connect the payment provider (checkout.session.completed, invoice.paid, charge.refunded)',
    severity: 'blocking',
    checks: ['webhooks.endpoints-registered'],
  },
  {
    id: 'webhook-endpoints-https',
    title: 'Live webhook endpoints use HTTPS',
    why: 'Payment events sent over plain HTTP can be read or altered on the way.',
    source: 'stripe-go-live',
    sourceDetail: 'Stripe go-live checklist: webhook endpoints must use HTTPS in live mode',
    severity: 'blocking',
    checks: ['webhooks.endpoints-https'],
  },
  {
    id: 'webhook-endpoints-reachable',
    title:
      'Every merchant webhook endpoint can be reached by what sends to it: a test ping through the referral platform succeeds, and no endpoint of a provider in the cloud is on a loopback or private address',
    why: 'An endpoint on a laptop or a private network never receives a single event from a service in the cloud: orders stay unpaid and commissions go unrecorded from the first sale.',
    source: 'referral-go-live',
    sourceDetail: 'Referral platform go-live list: send a test ping for each endpoint',
    severity: 'blocking',
    // The ping is about the referral programme; a payment-only merchant's item is decided by the static check alone.
    checks: ['webhooks.endpoints-reachable', 'referral.endpoints-ping'],
  },
  {
    id: 'merchant-webhook-answers',
    title: "The shop's webhook endpoint answers a correctly signed event with success within 10 seconds",
    why: 'A slow or failing endpoint makes the provider retry for days and delays every order.',
    source: 'stripe-go-live',
    sourceDetail: 'Stripe go-live checklist: return a 2xx quickly from webhook endpoints',
    severity: 'blocking',
    checks: ['merchant-webhook.answers-signed'],
  },
  {
    id: 'merchant-webhook-verifies-signatures',
    title: "The shop's webhook endpoint rejects unsigned, forged and replayed (stale) events",
    why: 'An endpoint that trusts unsigned events lets anyone mark orders paid.',
    source: 'stripe-go-live',
    sourceDetail: 'Stripe go-live checklist: verify webhook signatures',
    severity: 'blocking',
    checks: ['merchant-webhook.rejects-unsigned', 'merchant-webhook.rejects-forged', 'merchant-webhook.rejects-stale'],
  },
  {
    id: 'merchant-webhook-checks-mode',
    title: "The shop's webhook endpoint rejects an event from the other mode (a test event in live, or a live event in test)",
    why: 'A live shop that accepts test events can be made to ship orders nobody paid for.',
    source: 'stripe-go-live',
    sourceDetail: 'Stripe go-live checklist: check the livemode of received events',
    severity: 'blocking',
    checks: ['merchant-webhook.rejects-other-mode'],
  },
  {
    id: 'webhook-handling-resilient',
    title:
      'Webhook events that arrive late, twice, out of order or after a failed attempt still make exactly one order, charge, conversion, commission and reversal',
    why: 'Providers retry and reorder events; a handler that is not idempotent ships or credits twice.',
    source: 'stripe-go-live',
    sourceDetail: 'Stripe go-live checklist: handle duplicate events and events delivered out of order',
    severity: 'blocking',
    flows: ['webhook-resilience'],
  },
  {
    id: 'webhooks-delivered',
    title: 'Every payment and refund event of the rehearsal reached every webhook endpoint',
    why: 'Undelivered events leave orders unfulfilled and commissions wrong.',
    source: 'stripe-go-live',
    sourceDetail: 'Stripe go-live checklist: test webhooks end to end',
    severity: 'blocking',
    flows: ['referral-purchase-refund', 'subscribe-renew-cancel'],
  },
  // Catalogue and amounts
  {
    id: 'catalogue-in-mode',
    title: "The products and prices the shop sells exist in this run's mode, active, at the catalogue's amounts",
    why: 'A test-mode price id left in the live configuration makes every checkout fail on launch day.',
    source: 'stripe-go-live',
    sourceDetail: 'Stripe go-live checklist: recreate products and prices in live mode',
    severity: 'blocking',
    checks: ['provider.catalogue'],
  },
  {
    id: 'amounts-in-minor-units',
    title: "Amounts are in the currency's smallest unit: a zero-decimal currency (JPY) is charged and credited exactly",
    why: 'Treating yen like cents charges customers 100 times the price, or pays partners 1/100th.',
    source: 'payments-runbook',
    sourceDetail: 'Payments runbook: zero-decimal currencies',
    severity: 'blocking',
    checks: ['provider.catalogue'],
    flows: ['zero-decimal-purchase'],
  },
  // Referral programme
  {
    id: 'tracking-snippet-key',
    title: "The referral tracking snippet on the shop's pages carries the referral platform's publishable key of this mode",
    why: 'A wrong snippet key records no clicks, so no partner is ever credited.',
    source: 'referral-go-live',
    sourceDetail: 'Referral platform go-live list: install the tracking snippet with the live key',
    severity: 'blocking',
    checks: ['referral.snippet-key'],
    referralProgramme: true,
    platform: 'dress-rehearsal',
  },
  {
    id: 'commission-rule-as-agreed',
    title: "The programme's commission rule pays partners the agreed amount for each price the shop sells",
    why: 'A wrong rate overpays or underpays every partner from the first sale.',
    source: 'referral-go-live',
    sourceDetail: 'Referral platform go-live list: review the commission structure',
    severity: 'blocking',
    checks: ['referral.commission-rule'],
    flows: ['referral-purchase-refund', 'subscribe-renew-cancel', 'zero-decimal-purchase'],
    referralProgramme: true,
  },
  {
    id: 'referral-click-tracked',
    title: "Opening a partner's referral link records a click at the referral platform",
    why: 'Without the click, the sale cannot be attributed to the partner.',
    source: 'referral-go-live',
    sourceDetail: 'Referral platform go-live list: test a referral link',
    severity: 'blocking',
    flows: ['referral-purchase-refund', 'subscribe-renew-cancel'],
    referralProgramme: true,
  },
  {
    id: 'conversion-and-commission-recorded',
    title: 'A referred purchase is recorded as a conversion of that click, with a commission for the partner',
    why: 'Partners who are not credited leave the programme.',
    source: 'referral-go-live',
    sourceDetail: 'Referral platform go-live list: make a test conversion',
    severity: 'blocking',
    flows: ['referral-purchase-refund', 'subscribe-renew-cancel', 'zero-decimal-purchase'],
    referralProgramme: true,
  },
  {
    id: 'refund-reverses-commission',
    title: "Refunding an order reverses the partner's commission",
    why: 'Without reversal, partners are paid for sales that were refunded.',
    source: 'referral-go-live',
    sourceDetail: 'Referral platform go-live list: test a refund',
    severity: 'blocking',
    flows: ['referral-purchase-refund'],
    referralProgramme: true,
  },
  // Rewardful's own go-live steps (research notes on Rewardful, §6)
  {
    id: 'rewardful-script-installed',
    title: "Rewardful's tracking script, with the account's public API key, is on every customer page (landing and product pages)",
    why: "A page without the script, or with another account's key, records no referral: the partner of a customer who lands there is never credited.",
    source: 'rewardful-go-live',
    sourceDetail:
      'Rewardful: add the JavaScript snippet (rw.js, data-rewardful = your API Key) to every page of the marketing site and the app (https://developers.rewardful.com/javascript-api/overview; https://help.rewardful.com/en/articles/9014067-stripe-server-side-checkout)',
    severity: 'blocking',
    checks: ['rewardful.script-installed'],
    referralProgramme: true,
    platform: 'rewardful',
  },
  {
    id: 'rewardful-referral-passed-to-stripe',
    title: "The checkout passes Rewardful's referral id to Stripe, so Rewardful attributes the sale to the partner",
    why: "Without the referral id on the Checkout Session (client_reference_id) or the customer (metadata.referral), the sale is nobody's and no commission is made.",
    source: 'rewardful-go-live',
    sourceDetail:
      'Rewardful: pass Rewardful.referral to Stripe as client_reference_id or customer metadata.referral (https://help.rewardful.com/en/articles/9014067-stripe-server-side-checkout; http://help.rewardful.com/en/articles/8572726-integration-for-stripe-api-endpoint-users)',
    severity: 'blocking',
    flows: ['referral-purchase-refund', 'subscribe-renew-cancel', 'zero-decimal-purchase'],
    referralProgramme: true,
    platform: 'rewardful',
  },
  {
    id: 'rewardful-stripe-connected',
    title: 'Rewardful is connected to the live Stripe account (the Rewardful Stripe app or Stripe Connect)',
    why: 'Rewardful learns of every sale and refund from Stripe: an app connected only in test mode records no live sale.',
    source: 'rewardful-go-live',
    sourceDetail:
      'Rewardful: connect Stripe (https://help.rewardful.com/en/articles/9014067-stripe-server-side-checkout; https://help.rewardful.com/en/articles/2213091-how-does-rewardful-use-my-stripe-account)',
    severity: 'blocking',
    manual: "In Rewardful's dashboard (Company settings › Stripe), confirm the Stripe connection is to the live account, in live mode.",
    referralProgramme: true,
    platform: 'rewardful',
  },
  {
    id: 'rewardful-pending-period-covers-refunds',
    title: "Rewardful's commission pending period is at least as long as the shop's refund policy",
    why: 'A commission that becomes due before the refund window closes is paid out for sales that are later refunded.',
    source: 'rewardful-go-live',
    sourceDetail: "Rewardful: set the pending period to your refund policy's length (https://rewardful.com/automated-refund-handling)",
    severity: 'warning',
    manual:
      "Compare each campaign's days until commissions are due (Rewardful › Campaigns) with the refund policy: pending period ≥ refund window.",
    referralProgramme: true,
    platform: 'rewardful',
  },
  // Dub's own go-live steps (research notes on Dub, §6)
  {
    id: 'dub-script-installed',
    title:
      "Dub's analytics script is on every customer page (landing and product pages), with the workspace's publishable key where it carries one",
    why: "A page without the script records no click from a partner's link and leaves no dub_id cookie: the sale cannot be attributed.",
    source: 'dub-go-live',
    sourceDetail:
      'Dub: add the @dub/analytics script to the <head> of every page (https://dub.co/docs/sdks/client-side/installation-guides/manual; https://dub.co/docs/sdks/client-side/features/click-tracking)',
    severity: 'blocking',
    checks: ['dub.script-installed'],
    referralProgramme: true,
    platform: 'dub',
  },
  {
    id: 'dub-click-id-passed-to-stripe',
    title: "The checkout passes Dub's click or customer id to Stripe, so Dub attributes the sale to the partner",
    why: 'Without client_reference_id "dub_id_<click>" or metadata.dubCustomerExternalId on the Checkout Session, Dub records no sale and no commission.',
    source: 'dub-go-live',
    sourceDetail:
      'Dub: pass dubCustomerExternalId in Checkout metadata, or client_reference_id dub_id_<clickId> (https://dub.co/docs/integrations/stripe)',
    severity: 'blocking',
    flows: ['referral-purchase-refund', 'subscribe-renew-cancel', 'zero-decimal-purchase'],
    referralProgramme: true,
    platform: 'dub',
  },
  {
    id: 'dub-stripe-app-connected',
    title: "Dub's Stripe app is installed on the live Stripe account and connected to the workspace",
    why: 'Dub learns of sales and refunds only through its Stripe app: installed only in a Stripe sandbox, it records no live sale.',
    source: 'dub-go-live',
    sourceDetail:
      'Dub: install the Dub app from the Stripe App Marketplace and connect the workspace (https://dub.co/docs/integrations/stripe)',
    severity: 'blocking',
    manual:
      "In Stripe's live dashboard (Settings › Installed apps), confirm the Dub app is installed and connected to the workspace (Business plan or above).",
    referralProgramme: true,
    platform: 'dub',
  },
  {
    id: 'dub-allowed-hostnames',
    title: "The shop's hostname is in Dub's Allowed Hostnames, and localhost is removed",
    why: "Dub ignores clicks from a hostname not on the list, and a localhost left there lets anyone's local page record clicks.",
    source: 'dub-go-live',
    sourceDetail:
      'Dub: add your site to Allowed Hostnames; remove localhost once you are ready to go live (https://dub.co/docs/sdks/client-side/features/click-tracking)',
    severity: 'blocking',
    manual: "In Dub's workspace settings (Tracking › Allowed Hostnames), confirm the shop's hostname is listed and localhost is not.",
    referralProgramme: true,
    platform: 'dub',
  },
  {
    id: 'dub-holding-period-covers-refunds',
    title: "Dub's payout holding period is at least as long as the shop's refund policy",
    why: 'A commission paid before the refund window closes cannot be reversed, only clawed back by hand.',
    source: 'dub-go-live',
    sourceDetail:
      'Dub: set the holding period to your refund policy (https://dub.co/docs/conversions/sales/refunds; https://dub.co/help/article/partner-payouts)',
    severity: 'warning',
    manual: "Compare each partner group's holding period (Dub › Program › Payouts) with the refund policy: holding period ≥ refund window.",
    referralProgramme: true,
    platform: 'dub',
  },
  // Payments
  {
    id: 'payment-end-to-end',
    title: 'A real checkout completes end to end: the customer pays, the shop shows the order paid, the provider holds the payment',
    why: 'This is the sale itself.',
    source: 'stripe-go-live',
    sourceDetail: 'Stripe go-live checklist: run a live transaction end to end',
    severity: 'blocking',
    flows: ['referral-purchase-refund', 'zero-decimal-purchase'],
  },
  {
    id: 'refund-end-to-end',
    title: 'A refund from the shop reaches the provider and the customer',
    why: 'Support must be able to give money back on day one.',
    source: 'stripe-go-live',
    sourceDetail: 'Stripe go-live checklist: refund the live transaction',
    severity: 'blocking',
    flows: ['referral-purchase-refund'],
  },
  {
    id: 'subscription-lifecycle',
    title: 'A customer can subscribe, is billed again at renewal, and can cancel; the shop shows each state',
    why: 'Subscriptions that cannot be cancelled, or renew silently unpaid, become disputes.',
    source: 'stripe-go-live',
    sourceDetail: 'Stripe go-live checklist: test subscriptions (create, renew, cancel)',
    severity: 'blocking',
    flows: ['subscribe-renew-cancel'],
  },
  {
    id: 'declines-handled',
    title: 'A declined card shows the customer a clear message and charges nothing',
    why: 'Raw errors and half-made orders on declines cost sales and trust.',
    source: 'stripe-go-live',
    sourceDetail: 'Stripe go-live checklist: handle declines and 3-D Secure',
    severity: 'blocking',
    flows: ['declines'],
  },
  {
    id: 'no-double-charge',
    title: 'Double clicks, Back and reload never charge a customer twice',
    why: 'Duplicate charges become refunds, disputes and support tickets.',
    source: 'stripe-go-live',
    sourceDetail: 'Stripe go-live checklist: use idempotency keys',
    severity: 'blocking',
    flows: ['duplicate-submit'],
  },
  // Manual attestations
  {
    id: 'api-announcements-subscribed',
    title: "Someone on the team is subscribed to the provider's API announcements",
    why: 'Deprecations and incidents are announced there first.',
    source: 'stripe-go-live',
    sourceDetail: 'Stripe go-live checklist: subscribe to the API announcements list',
    severity: 'warning',
    manual: "Subscribe a shared team address to the provider's API announcements mailing list.",
  },
  {
    id: 'keys-rolled-and-stored',
    title: 'Live secret keys were never shared in chat, tickets or code, and are stored in a secrets manager; any exposed key was rolled',
    why: 'A leaked live key is a direct path to the money.',
    source: 'stripe-go-live',
    sourceDetail: 'Stripe go-live checklist: secure and roll your keys',
    severity: 'blocking',
    manual: 'Check where the live keys are stored; roll any key that was ever pasted outside the secrets manager.',
  },
  {
    id: 'dashboard-access-reviewed',
    title: 'Everyone with access to the live dashboards uses two-step sign-in, and only people who need it have access',
    why: 'Dashboard access can refund, pay out and export customers.',
    source: 'payments-runbook',
    sourceDetail: 'Payments runbook: team access and two-step authentication',
    severity: 'warning',
    manual: 'Review the team members of the provider and referral dashboards; require two-step sign-in.',
  },
  {
    id: 'payout-account-verified',
    title: 'The bank account for payouts is verified in the provider account',
    why: 'Unverified payout details hold the money after launch.',
    source: 'payments-runbook',
    sourceDetail: 'Payments runbook: payouts',
    severity: 'blocking',
    manual: "Confirm in the provider's dashboard that payouts are enabled to the company's verified bank account.",
  },
  {
    id: 'partner-terms-published',
    title: "Partners have the programme's terms: commission rate, cookie window, refund policy and payout schedule",
    why: 'Unpublished terms turn every reversed commission into a dispute.',
    source: 'referral-go-live',
    sourceDetail: 'Referral platform go-live list: publish programme terms',
    severity: 'warning',
    manual: "Check the partner portal shows the programme's terms as agreed.",
    referralProgramme: true,
  },
  {
    id: 'fraud-rules-reviewed',
    title: 'Fraud screening rules for payments and referrals have been reviewed',
    why: 'Card testing and self-referral fraud start within days of launch.',
    source: 'payments-runbook',
    sourceDetail: 'Payments runbook: fraud prevention',
    severity: 'warning',
    manual: "Review the provider's fraud rules and the referral platform's self-referral and fraud settings.",
  },
] as const satisfies readonly ChecklistItemDefinition[];

/** A checklist item's id, e.g. `keys-valid-for-mode`: a typo in code that names an item is a compile error. */
export type ChecklistItemId = (typeof ITEMS)[number]['id'];

/** One line of the go-live checklist, as the person signing off reads it. */
export interface ChecklistItem extends ChecklistItemDefinition {
  readonly id: ChecklistItemId;
}

/** Every item, in the order of the sign-off report. */
export const CHECKLIST: readonly ChecklistItem[] = ITEMS;

/** Whether a string read from a report or a file names a checklist item. */
export function isChecklistItemId(value: string): value is ChecklistItemId {
  return CHECKLIST.some((item) => item.id === value);
}

/**
 * The item with this id. Ids in code are checked at compile time; one read from a file is checked here: an unknown id
 * throws, naming the known ones (a typo must not silently decide nothing).
 */
export function checklistItem(id: ChecklistItemId): ChecklistItem {
  const item = CHECKLIST.find((candidate) => candidate.id === id);
  if (!item) throw new Error(`Unknown checklist item "${id}". Known items: ${CHECKLIST.map((i) => i.id).join(', ')}.`);
  return item;
}
