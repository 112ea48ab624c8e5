import type { FaultName } from '../../sandbox/faults';
import type { SandboxReferralPlatform } from '../../sandbox/referralPlatformChoice';

const PURCHASE = 'scenarios/referral-purchase-refund.spec.ts';
const SUBSCRIPTION = 'scenarios/subscribe-renew-cancel.spec.ts';
const DECLINES = 'scenarios/declines.spec.ts';
const DUPLICATE_SUBMIT = 'scenarios/duplicate-submit.spec.ts';
const ZERO_DECIMAL = 'scenarios/zero-decimal-purchase.spec.ts';

/** Where the rehearsal must fail on one defect, and what the failure must name. */
export interface FaultDetection {
  /** The scenario file(s) the child run starts (only the relevant ones, to keep it short). */
  specFiles: string[];
  /** `--grep`: one test of a multi-test spec file. */
  grep?: string;
  /** `--no-deps`: the scenarios run without the preflight setup (to prove the flow itself catches it). */
  noDeps?: boolean;
  /**
   * The checklist item the failure belongs to: a preflight item, or one the failing step fails (its failed
   * assertion's items when tagged, else any item of the step).
   */
  checklistItem: string;
  /** The failing flow step's number ("4."), when a flow step rather than preflight must catch it. */
  step?: string;
  /** Text the failure message must contain: the missing or doubled evidence. */
  message: string;
  /**
   * Caught before preflight by the run's mode guard (a key of the other mode anywhere stops the run), not by an item.
   */
  modeGuard?: boolean;
  /** The item is a warning: the run passes, and the failed preflight check (and the sign-off) report it. */
  warningOnly?: boolean;
  /**
   * The referral platform the demo's sandbox runs for this fault (SANDBOX_REFERRAL_PLATFORM in the child run), for the
   * go-live bugs of one platform (Rewardful's, Dub's); default the sandbox's own.
   */
  platform?: SandboxReferralPlatform;
}

/** Every fault of the catalogue (sandbox/faults.ts), and where the rehearsal catches it. */
export const FAULT_DETECTIONS: Record<FaultName, FaultDetection> = {
  'referral.skip-refund-reversal': {
    specFiles: [PURCHASE],
    noDeps: true,
    step: '4.',
    checklistItem: 'refund-reverses-commission',
    message: 'commission.refunded',
  },
  'referral.skip-renewal-commission': {
    specFiles: [SUBSCRIPTION],
    noDeps: true,
    step: '4.',
    checklistItem: 'conversion-and-commission-recorded',
    message: 'renewal commission',
  },
  'shop.ignore-subscription-cancellation': {
    specFiles: [SUBSCRIPTION],
    noDeps: true,
    step: '5.',
    checklistItem: 'subscription-lifecycle',
    message: 'still showing "active"',
  },
  'shop.non-idempotent-checkout': {
    specFiles: [DUPLICATE_SUBMIT],
    noDeps: true,
    step: '5.',
    checklistItem: 'no-double-charge',
    message: 'second charge',
  },
  'shop.raw-decline-error': {
    specFiles: [DECLINES],
    grep: 'a declined card',
    noDeps: true,
    step: '3.',
    checklistItem: 'declines-handled',
    message: 'raw error text is visible to the customer',
  },
  'shop.secret-key-in-page': { specFiles: [PURCHASE], checklistItem: 'secret-keys-not-in-browser', message: 'secret' },
  'shop.accept-unsigned-webhooks': { specFiles: [PURCHASE], checklistItem: 'merchant-webhook-verifies-signatures', message: 'signature' },
  'shop.ignore-webhook-timestamp': { specFiles: [PURCHASE], checklistItem: 'merchant-webhook-verifies-signatures', message: 'signature' },
  'shop.accept-other-mode-events': { specFiles: [PURCHASE], checklistItem: 'merchant-webhook-checks-mode', message: 'mode' },
  'shop.slow-webhook-response': {
    specFiles: [PURCHASE],
    checklistItem: 'merchant-webhook-answers',
    message: 'did not answer a correctly signed event',
  },
  'shop.snippet-wrong-mode-key': {
    specFiles: [PURCHASE],
    modeGuard: true,
    checklistItem: 'tracking-snippet-key',
    message: 'tracking snippet key',
  },
  'shop.jpy-scaled-by-100': { specFiles: [ZERO_DECIMAL], checklistItem: 'catalogue-in-mode', message: '150,000 JPY' },
  'referral.zero-decimal-as-cents': {
    specFiles: [ZERO_DECIMAL],
    noDeps: true,
    step: '3.',
    checklistItem: 'amounts-in-minor-units',
    message: 'but it is 15 JPY',
  },
  'referral.wrong-commission-rate': { specFiles: [PURCHASE], checklistItem: 'commission-rule-as-agreed', message: '10' },
  'provider.no-request-id': { specFiles: [PURCHASE], warningOnly: true, checklistItem: 'request-ids-logged', message: 'Request-Id' },
  'provider.legacy-api-version': { specFiles: [PURCHASE], checklistItem: 'api-version-pinned', message: '2024-06-20' },
  'shop.non-idempotent-webhooks': {
    specFiles: [DUPLICATE_SUBMIT],
    noDeps: true,
    step: '6.',
    checklistItem: 'no-double-charge',
    message: 'one order confirmation',
  },
  'shop.unknown-event-500': { specFiles: [PURCHASE], checklistItem: 'merchant-webhook-answers', message: 'with 500 instead of a 2xx' },
  'shop.ignore-refund-events': {
    specFiles: [PURCHASE],
    noDeps: true,
    step: '4.',
    checklistItem: 'refund-end-to-end',
    message: 'as refunded',
  },
  'shop.success-page-trusts-url': {
    specFiles: [DECLINES],
    grep: 'a declined card',
    noDeps: true,
    step: '3.',
    checklistItem: 'declines-handled',
    message: 'confirms no order',
  },
  'shop.drops-click-id': {
    specFiles: [PURCHASE],
    noDeps: true,
    step: '3.',
    checklistItem: 'conversion-and-commission-recorded',
    message: 'a conversion for checkout session',
  },
  'referral.partial-refund-reverses-all': {
    specFiles: [PURCHASE],
    noDeps: true,
    step: '4.',
    checklistItem: 'refund-reverses-commission',
    message: 'but it is 0.00 USD',
  },
  'referral.commission-truncated': {
    specFiles: [PURCHASE],
    noDeps: true,
    step: '4.',
    checklistItem: 'refund-reverses-commission',
    message: 'but it is 2.99 USD',
  },
  'shop.referral-webhook-fails': {
    specFiles: [PURCHASE],
    noDeps: true,
    step: '3.',
    checklistItem: 'webhooks-delivered',
    message: '/webhooks/referral',
  },
  'referral.wrong-partner-attribution': {
    specFiles: [PURCHASE],
    noDeps: true,
    step: '3.',
    checklistItem: 'conversion-and-commission-recorded',
    message: 'credited to the partner of the click',
  },
  // The platforms' own go-live bugs, each rehearsed on the demo shop with that platform's emulation.
  'shop.snippet-wrong-account-key': {
    platform: 'rewardful',
    specFiles: [PURCHASE],
    checklistItem: 'rewardful-script-installed',
    message: 'with the key other-account-0000',
  },
  'rewardful.stripe-not-connected': {
    platform: 'rewardful',
    specFiles: [PURCHASE],
    checklistItem: 'webhook-endpoints-registered',
    message: "Rewardful's Stripe integration",
  },
  'rewardful.refund-ignored': {
    platform: 'rewardful',
    specFiles: [PURCHASE],
    noDeps: true,
    step: '4.',
    checklistItem: 'refund-reverses-commission',
    message: 'commission',
  },
  'dub.stripe-app-not-installed': {
    platform: 'dub',
    specFiles: [PURCHASE],
    checklistItem: 'webhook-endpoints-registered',
    message: "Dub's Stripe app",
  },
  'dub.hostname-not-allowed': {
    platform: 'dub',
    specFiles: [PURCHASE],
    noDeps: true,
    step: '1.',
    checklistItem: 'referral-click-tracked',
    message: 'dub_id cookie',
  },
};

/** The control: every scenario, with preflight, on the correct sandbox. */
export const CONTROL_SPEC_FILES = [PURCHASE, SUBSCRIPTION, DECLINES, DUPLICATE_SUBMIT, ZERO_DECIMAL];
