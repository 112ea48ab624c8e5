/**
 * Fault switches: realistic go-live defects the sandbox can be told to have, so the harness's own
 * tests can prove the harness catches them. Each name is `<service>.<defect>`.
 */
export const FAULT_NAMES = [
  /** The referral platform ignores charge.refunded: commissions are never reversed, no commission.refunded. */
  'referral.skip-refund-reversal',
  /** The referral platform pays only a subscription's first invoice: no renewal commission. */
  'referral.skip-renewal-commission',
  /** The shop ignores subscription webhooks: its account page keeps showing a canceled subscription active. */
  'shop.ignore-subscription-cancellation',
  /** The shop's Buy/Subscribe handlers ignore the order token: every submit is a new order and a new session. */
  'shop.non-idempotent-checkout',
  /** The shop shows the provider's raw error (type, code, message) when a payment did not go through. */
  'shop.raw-decline-error',
  /** The shop's product page inlines `window.shopConfig` holding the provider secret key. */
  'shop.secret-key-in-page',
  /** The shop's `/webhooks/stripe` trusts the JSON body when the signature is missing or wrong. */
  'shop.accept-unsigned-webhooks',
  /** The shop checks webhook signatures with no timestamp tolerance: a replayed, old signed event is accepted. */
  'shop.ignore-webhook-timestamp',
  /** The shop accepts webhook events of the other mode (a test event at a live shop, or the reverse). */
  'shop.accept-other-mode-events',
  /** The shop's `/webhooks/stripe` answers only after 12 s (slower than the provider's 10 s timeout). */
  'shop.slow-webhook-response',
  /** The shop's tracking snippet carries the other mode's referral publishable key. */
  'shop.snippet-wrong-mode-key',
  /** The shop creates its JPY price at 100× (treats yen as if it had cents): 150000 instead of 1500. Read at start-up. */
  'shop.jpy-scaled-by-100',
  /** The referral platform divides zero-decimal sale amounts by 100 before applying the commission rule. */
  'referral.zero-decimal-as-cents',
  /** The referral platform's `prog_demo` pays 10 % instead of the agreed 20 %. */
  'referral.wrong-commission-rate',
  /** The provider's responses carry no `Request-Id` header. */
  'provider.no-request-id',
  /** The provider's events carry the account's old default `api_version` 2024-06-20, not the SDK's. */
  'provider.legacy-api-version',
  /** The shop's webhook handler does not deduplicate events: a redelivered checkout.session.completed fulfils the order (sends its confirmation) again. */
  'shop.non-idempotent-webhooks',
  /** The shop answers 500 to a signed event of a type it does not handle, so the provider retries it for days. */
  'shop.unknown-event-500',
  /** The shop ignores charge.refunded: a refund never shows on the order (it stays "refund pending" or "paid"). */
  'shop.ignore-refund-events',
  /** The shop's success page trusts the URL: it shows (and marks) the order paid from `session_id` without asking the provider. */
  'shop.success-page-trusts-url',
  /** The shop loses the attribution: it reads the click id from a cookie the snippet never sets, so checkouts carry no click. */
  'shop.drops-click-id',
  /** The referral platform reverses the whole commission on any refund, even a partial one. */
  'referral.partial-refund-reverses-all',
  /** The referral platform truncates commissions instead of rounding them (20 % of 1499 → 299, not 300). */
  'referral.commission-truncated',
  /** The referral platform credits the programme's most recently joined partner, not the partner of the click. */
  'referral.wrong-partner-attribution',
  /** The shop's own referral-platform webhook endpoint (`/webhooks/referral`) answers 503 to every delivery: they fail and are retried until dead. */
  'shop.referral-webhook-fails',
  /** The shop's tracking snippet carries a public key that is not the referral account's (another account's, or a stale one): the platform's script tracks nothing. */
  'shop.snippet-wrong-account-key',
  /** Rewardful: the Stripe account was never connected, so Rewardful hears of no payment: no conversion, no commission (sandbox/rewardful/). */
  'rewardful.stripe-not-connected',
  /** Rewardful: refunds leave the commission as it was (no recalculation, no deletion) (sandbox/rewardful/). */
  'rewardful.refund-ignored',
  /** Dub: the Stripe app is not installed in the Stripe account, so Dub hears of no payment: no sale, no commission (sandbox/dub/). */
  'dub.stripe-app-not-installed',
  /** Dub: the shop's hostname is not in the workspace's Allowed Hostnames: the analytics script's click is refused (sandbox/dub/). */
  'dub.hostname-not-allowed',
] as const;

export type FaultName = (typeof FAULT_NAMES)[number];

export class FaultSwitches {
  private readonly enabled = new Set<FaultName>();

  constructor(initial: Iterable<FaultName> = []) {
    for (const name of initial) this.enable(name);
  }

  /**
   * Reads a comma-separated list such as SANDBOX_FAULTS; an unknown name is an UnknownFaultError naming it and
   * `variable`, never ignored.
   */
  static parse(list: string | undefined, variable = 'SANDBOX_FAULTS'): FaultSwitches {
    const names = (list ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const name of names) assertFaultName(name, variable);
    return new FaultSwitches(names as FaultName[]);
  }

  has(name: FaultName): boolean {
    return this.enabled.has(name);
  }

  enable(name: FaultName): void {
    assertFaultName(name);
    this.enabled.add(name);
  }

  disable(name: FaultName): void {
    this.enabled.delete(name);
  }

  list(): FaultName[] {
    return [...this.enabled];
  }
}

/**
 * A fault name that is not in FAULT_NAMES: a configuration mistake. The harness's command line prints its one-line
 * message and exits 2 (src/cli/errors.ts knows it by name).
 */
export class UnknownFaultError extends Error {
  override name = 'UnknownFaultError';
}

/** Throws an UnknownFaultError naming `name` (and where it was read, e.g. SANDBOX_FAULTS) and every known fault. */
export function assertFaultName(name: string, where?: string): asserts name is FaultName {
  if (!(FAULT_NAMES as readonly string[]).includes(name)) {
    throw new UnknownFaultError(
      `Unknown sandbox fault "${name}"${where ? ` in ${where}` : ''}: use the fault switches of sandbox/README.md ` +
        `(${FAULT_NAMES.join(', ')})${where ? `, comma-separated, or leave ${where} empty for none` : ''}.`,
    );
  }
}
