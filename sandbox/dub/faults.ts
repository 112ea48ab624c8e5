import type { FaultSwitches } from '../faults';

/**
 * The Dub emulation's go-live defects. Their names belong in FAULT_NAMES of sandbox/faults.ts (owned elsewhere);
 * until they are there, `hasDubFault` still reads them from a FaultSwitches without needing the type.
 */
export const DUB_FAULT_NAMES = [
  /** Dub's Stripe app is not installed (or its workspace not connected): Dub never hears of a sale. */
  'dub.stripe-app-not-installed',
  /** The shop's host is not in the workspace's Allowed Hostnames: the script's POST /track/click is refused, no click. */
  'dub.hostname-not-allowed',
  /**
   * Dub's code, not its docs: a refund of a sale without a Stripe invoice (a one-time Checkout without
   * `invoice_creation`) is skipped, and the commission stays pending (SRC charge-refunded.ts).
   */
  'dub.refund-without-invoice-ignored',
] as const;
export type DubFaultName = (typeof DUB_FAULT_NAMES)[number];

export function hasDubFault(faults: FaultSwitches, name: DubFaultName): boolean {
  return (faults.list() as readonly string[]).includes(name);
}
