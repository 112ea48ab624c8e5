import { expect, test } from '@playwright/test';
import type { FaultName } from '../../sandbox/faults';
import { detectFault } from './detectFault';
import { FAULT_DETECTIONS } from './faultDetections';
import { DETECTION_EVENT_TIMEOUT_MS } from './eventTimeout';

const EVENT_TIMEOUT_MS = DETECTION_EVENT_TIMEOUT_MS;

/** The go-live bugs of issue 6's catalogue, each with where the rehearsal must fail and the evidence it must name. */
const CASES: Array<{ fault: FaultName; why: string }> = [
  {
    fault: 'shop.non-idempotent-webhooks',
    why: 'naming the second order confirmation when a redelivered checkout.session.completed fulfils the order again',
  },
  { fault: 'shop.unknown-event-500', why: 'naming the 500 when the shop does not acknowledge an event type it does not handle' },
  { fault: 'shop.ignore-refund-events', why: 'naming the order not shown refunded when the shop ignores charge.refunded' },
  { fault: 'shop.success-page-trusts-url', why: 'naming the order confirmed for an unpaid session when the success page trusts the URL' },
  { fault: 'shop.drops-click-id', why: 'naming the missing conversion when the shop loses the click id' },
  { fault: 'referral.partial-refund-reverses-all', why: 'naming the commission left after a partial refund (0 instead of 300)' },
  { fault: 'referral.commission-truncated', why: 'naming the truncated commission (299 instead of 300)' },
  { fault: 'referral.wrong-partner-attribution', why: 'naming the partner credited instead of the click’s' },
  {
    fault: 'shop.referral-webhook-fails',
    why: "naming the merchant's referral endpoint and its failed attempts from the platform's delivery log",
  },
  // The platforms' own go-live bugs: the demo shop rehearsed on that platform's emulation.
  { fault: 'shop.snippet-wrong-account-key', why: "naming the other account's key Rewardful's snippet carries" },
  { fault: 'rewardful.stripe-not-connected', why: "naming Rewardful's missing webhook endpoint at the provider (Stripe not connected)" },
  { fault: 'rewardful.refund-ignored', why: 'naming the commission a refund left as it was' },
  { fault: 'dub.stripe-app-not-installed', why: "naming Dub's missing webhook endpoint at the provider (Stripe app not installed)" },
  { fault: 'dub.hostname-not-allowed', why: "naming the missing click when the shop's hostname is not allowed" },
];

test.describe.configure({ mode: 'parallel' });

test.describe('the rehearsal catches each go-live bug of the fault catalogue', () => {
  test.setTimeout(180_000);

  for (const { fault, why } of CASES) {
    const detection = FAULT_DETECTIONS[fault];
    const where = detection.step ? `at step ${detection.step.replace('.', '')}` : 'in preflight';
    const on = detection.platform ? ` (on ${detection.platform})` : '';
    test(`${fault}${on}: fails ${where} ${why}`, async () => {
      const outcome = await detectFault(fault, detection, EVENT_TIMEOUT_MS);

      expect(outcome.caught, 'the rehearsal fails').toBe(true);
      if (detection.step) {
        expect(outcome.by, `step ${detection.step} is the one that fails, tagged ${detection.checklistItem}`).toMatch(
          new RegExp(`^step ${detection.step.replace('.', '\\.')} \\(.*${detection.checklistItem}`),
        );
      } else {
        expect(outcome.by, `preflight fails on ${detection.checklistItem}`).toContain(detection.checklistItem);
        expect(outcome.by).toMatch(/^preflight/);
      }
      expect(outcome.message, 'the failure names the missing or doubled evidence').toContain(detection.message);
      expect(outcome.asExpected).toBe(true);
    });
  }
});
