import type { RefundChannel, Target, TargetCatalogue, TargetFlows, TargetPlan, TargetProduct } from '../../src/model/target/contract';
import { LIVE_MODE_SKIP } from './runCustomer';

/**
 * Can the target do it? Either what to run, or one line saying why not, naming the target and what it lacks (the
 * flow method, the capability, the plan), for a skipped step or a skipped test. Every such reason is a target gap,
 * not an exemption: skip with `skippedStep(…, { targetGap: true })` or `skipTestForTargetGap(reason)` (skippedStep.ts),
 * so the sign-off counts a blocking item left without evidence as not rehearsed. The exceptions are
 * `testClockReason` in live mode and `productAbility` (a subscription-only merchant): they do not apply to the run
 * (exemptions).
 */
export type Ability<T> = { run: T; reason?: undefined } | { run?: undefined; reason: string };

/** The flow methods a target may leave out (every one but the five a purchase needs). */
export type OptionalFlow = { [K in keyof TargetFlows]-?: undefined extends TargetFlows[K] ? K : never }[keyof TargetFlows];

type TargetFacts = Pick<Target, 'name' | 'capabilities'>;

/** The target's flow method, bound to its flows, or why the target cannot: it does not implement it. */
export function flowAbility<K extends OptionalFlow>(target: Pick<Target, 'name'>, flows: TargetFlows, method: K): Ability<NonNullable<TargetFlows[K]>> {
  const fn = flows[method];
  if (typeof fn !== 'function') return { reason: missingFlowReason(target, [method]) };
  return { run: (fn as (...args: unknown[]) => unknown).bind(flows) as NonNullable<TargetFlows[K]> };
}

/**
 * Why a scenario cannot run on the target, when it lacks any of the flow methods the scenario cannot do without
 * (for `test.skip`); undefined when it has them all.
 */
export function missingFlows(target: Pick<Target, 'name'>, flows: TargetFlows, methods: OptionalFlow[]): string | undefined {
  const missing = methods.filter((method) => typeof flows[method] !== 'function');
  return missing.length > 0 ? missingFlowReason(target, missing) : undefined;
}

function missingFlowReason(target: Pick<Target, 'name'>, methods: string[]): string {
  return `the target "${target.name}" does not implement ${methods.join(', ')} (its flows.ts)`;
}

/**
 * The target's one-time product, or why there is none: the merchant sells only subscriptions. Unlike the other
 * reasons here this is an exemption, not a target gap (skip with a plain `test.skip`): a subscription-only merchant
 * needs no one-time product, so the one-time purchase flows do not apply to it.
 */
export function productAbility(target: Pick<Target, 'name'> & { catalogue: Pick<TargetCatalogue, 'product'> }): Ability<TargetProduct> {
  const product = target.catalogue.product;
  return product
    ? { run: product }
    : { reason: `the merchant sells no one-time product (the target "${target.name}" has no catalogue.product), so the one-time purchase flows do not apply` };
}

/** The target's first subscription plan, or why there is none to subscribe to. */
export function planAbility(target: Pick<Target, 'name'> & { catalogue: Pick<TargetCatalogue, 'plans'> }): Ability<TargetPlan> {
  const plan = target.catalogue.plans[0];
  return plan ? { run: plan } : { reason: `the target "${target.name}" declares no subscription plan (its catalogue.plans is empty)` };
}

/**
 * Why renewals cannot be rehearsed (no provider test clock in live mode: an exemption; or for this target: a target
 * gap); undefined when they can.
 */
export function testClockReason(target: TargetFacts, mode: string): string | undefined {
  if (mode === 'live') return LIVE_MODE_SKIP.testClock;
  if (!target.capabilities.testClock) {
    return `the target "${target.name}" cannot put a customer on a provider test clock (capabilities.testClock is false), so renewals cannot be rehearsed`;
  }
  return undefined;
}

/**
 * Leaving the provider's payment page back to the merchant after a decline. A target without the method: an
 * embedded payment form has no provider page to leave; any other target simply does not implement it.
 */
export function returnToMerchantAbility(target: TargetFacts, flows: TargetFlows): Ability<NonNullable<TargetFlows['returnToMerchantAfterDecline']>> {
  const ability = flowAbility(target, flows, 'returnToMerchantAfterDecline');
  if (ability.run || target.capabilities.paymentForm !== 'embedded-elements') return ability;
  return {
    reason:
      `the target "${target.name}"'s payment form is embedded in the merchant's page (capabilities.paymentForm is 'embedded-elements'): ` +
      'there is no provider page to leave',
  };
}

/** How the target refunds an order in full: the merchant does it (its admin UI or its API), or the harness at the provider. */
export type RefundWay =
  | { by: 'merchant'; channel: Exclude<RefundChannel, 'provider-api'>; refundOrder: NonNullable<TargetFlows['refundOrder']>; words: string }
  | {
      by: 'provider';
      words: string;
      /**
       * Why the merchant's "order refunded" cannot be checked: a skipped step's reason (a target gap), so "a refund
       * from the shop reaches the provider" is not rehearsed, never passed by the harness's own refund.
       */
      reason: string;
    };

const MERCHANT_REFUND_WORDS: Record<Exclude<RefundChannel, 'provider-api'>, string> = {
  'merchant-admin-ui': "from the shop's admin",
  'merchant-api': "through the shop's API",
};

/**
 * The refund channel the target declares (`capabilities.refunds`): `merchant-admin-ui` and `merchant-api` go
 * through `flows.refundOrder`; `provider-api` (or a merchant channel without `refundOrder`) is the harness refunding
 * the payment intent at the provider, with the reason the merchant's side cannot be checked.
 */
export function refundAbility(target: TargetFacts, flows: TargetFlows): RefundWay {
  const channel = target.capabilities.refunds;
  const words = 'at the provider (as support does)';
  if (channel === 'provider-api') {
    return {
      by: 'provider',
      words,
      reason:
        `the harness refunded at the provider itself: the target "${target.name}" refunds at the provider (capabilities.refunds is ` +
        "'provider-api'), and the merchant has no refund page or API whose answer could be checked",
    };
  }
  const refund = flowAbility(target, flows, 'refundOrder');
  if (refund.run) return { by: 'merchant', channel, refundOrder: refund.run, words: MERCHANT_REFUND_WORDS[channel] };
  return {
    by: 'provider',
    words,
    reason: `the harness refunded at the provider itself: ${refund.reason}, though capabilities.refunds is '${channel}'`,
  };
}
