import type { TargetFlows, TargetWithReferralProgramme } from '../../../../src/model/target/contract';
import { demoTarget } from '../../../../targets/demo/target';

/** The demo runs a referral programme (its type, `Target`, says only "with one or without"). */
const demo = demoTarget as TargetWithReferralProgramme;

/**
 * Test only: the demo shop as a target that can do less: no refund in the shop (support refunds at the provider),
 * no cancellation from the account page, no test clock. Its scenarios must pass with those steps skipped, each with
 * the reason, never silently.
 */
const limitedDemo: TargetWithReferralProgramme = {
  ...demo,
  name: 'limited-demo',
  description: 'The demo shop without refunds in the shop, cancellations or a test clock (tests/support/targets).',
  capabilities: { ...demo.capabilities, refunds: 'provider-api', testClock: false },
  flows(page, environment): TargetFlows {
    const { refundOrder, cancelSubscription, ...kept } = demoTarget.flows(page, environment);
    void refundOrder;
    void cancelSubscription;
    return kept;
  },
};

export default limitedDemo;
