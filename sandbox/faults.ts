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
] as const;

export type FaultName = (typeof FAULT_NAMES)[number];

export class FaultSwitches {
  private readonly enabled = new Set<FaultName>();

  constructor(initial: Iterable<FaultName> = []) {
    for (const name of initial) this.enable(name);
  }

  /** Reads a comma-separated list such as SANDBOX_FAULTS; an unknown name is an error, never ignored. */
  static parse(list: string | undefined): FaultSwitches {
    const names = (list ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    for (const name of names) assertFaultName(name);
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

export function assertFaultName(name: string): asserts name is FaultName {
  if (!(FAULT_NAMES as readonly string[]).includes(name)) {
    throw new Error(`Unknown sandbox fault "${name}". Known faults: ${FAULT_NAMES.join(', ')}.`);
  }
}
