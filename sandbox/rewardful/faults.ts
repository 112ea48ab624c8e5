import type { FaultSwitches } from '../faults';

/**
 * The Rewardful emulation's go-live defects. Named like sandbox/faults.ts's (`<service>.<defect>`); they belong in its
 * FAULT_NAMES (that file is the shop's): until then a test switches them on here, and once they are there the shared
 * switches (SANDBOX_FAULTS) turn them on too.
 */
export const REWARDFUL_FAULT_NAMES = [
  /** Rewardful is not connected to the merchant's Stripe account: no provider subscription, no conversion ever. Read at start-up. */
  'rewardful.stripe-not-connected',
  /** Rewardful ignores refunds: the commission keeps its amount after a partial or full refund. */
  'rewardful.refund-ignored',
] as const;

export type RewardfulFaultName = (typeof REWARDFUL_FAULT_NAMES)[number];

/** Whether a Rewardful fault is on: in the emulation's own set, or in the sandbox's shared switches. */
export class RewardfulFaults {
  private readonly own: Set<RewardfulFaultName>;

  constructor(
    private readonly shared: FaultSwitches,
    own: Iterable<RewardfulFaultName> = [],
  ) {
    this.own = new Set(own);
  }

  has(name: RewardfulFaultName): boolean {
    return this.own.has(name) || (this.shared.list() as readonly string[]).includes(name);
  }

  enable(name: RewardfulFaultName): void {
    this.own.add(name);
  }

  disable(name: RewardfulFaultName): void {
    this.own.delete(name);
  }
}
