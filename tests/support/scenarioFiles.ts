/** Every rehearsed flow's spec file, relative to the project root (a child run of the whole rehearsal starts these). */
export const ALL_SCENARIO_FILES = [
  'scenarios/referral-purchase-refund.spec.ts',
  'scenarios/subscribe-renew-cancel.spec.ts',
  'scenarios/declines.spec.ts',
  'scenarios/duplicate-submit.spec.ts',
  'scenarios/zero-decimal-purchase.spec.ts',
  'scenarios/webhook-resilience.spec.ts',
] as const;
