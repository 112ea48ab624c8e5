import { test, expect } from '@playwright/test';
import type { TargetCapabilities, TargetFlows, TargetPlan } from '../../src/model/target/contract';
import {
  flowAbility,
  missingFlows,
  planAbility,
  productAbility,
  refundAbility,
  returnToMerchantAbility,
  testClockReason,
} from '../../scenarios/support/targetAbility';

const unused = async (): Promise<never> => {
  throw new Error('not called in these tests');
};

/** The five flow methods every target has; `more` adds optional ones. */
function flowsWith(more: Partial<TargetFlows> = {}): TargetFlows {
  return { openReferralLink: unused, startCheckout: unused, fillPayment: unused, submitPayment: unused, readOrder: unused, ...more };
}

function targetWith(capabilities: Partial<TargetCapabilities> = {}, plans: TargetPlan[] = []) {
  return {
    name: 'kissa',
    capabilities: { paymentForm: 'embedded-elements', refunds: 'merchant-api', testClock: true, ...capabilities } satisfies TargetCapabilities,
    catalogue: { plans },
  };
}

const PLAN: TargetPlan = {
  slug: 'tea-club', name: 'Tea Club', unitAmount: 1200, currency: 'jpy', interval: 'month', intervalCount: 1, price: { lookupKey: 'tea_club' }, expectedCommission: 240,
};

test.describe('what a target can do, or why not', () => {
  test('a flow method the target implements is runnable, bound to its flows', async () => {
    class Flows {
      readonly answer = 'canceled';
      readAccountSubscriptionStatus = async function (this: Flows) {
        return this.answer;
      };
    }
    const flows = Object.assign(new Flows(), flowsWith()) as unknown as TargetFlows;
    const ability = flowAbility(targetWith(), flows, 'readAccountSubscriptionStatus');
    expect(ability.reason).toBeUndefined();
    await expect(ability.run!('sub_1')).resolves.toBe('canceled');
  });

  test('a flow method the target leaves out gives the reason naming the target, the method and its flows.ts', () => {
    expect(flowAbility(targetWith(), flowsWith(), 'cancelSubscription')).toEqual({
      reason: 'the target "kissa" does not implement cancelSubscription (its flows.ts)',
    });
    expect(missingFlows(targetWith(), flowsWith(), ['startSubscription', 'readSubscription'])).toBe(
      'the target "kissa" does not implement startSubscription, readSubscription (its flows.ts)',
    );
    expect(missingFlows(targetWith(), flowsWith({ startSubscription: unused, readSubscription: unused }), ['startSubscription', 'readSubscription'])).toBeUndefined();
  });

  test('a target selling no plan says so; one that sells one offers its first plan', () => {
    expect(planAbility(targetWith())).toEqual({ reason: 'the target "kissa" declares no subscription plan (its catalogue.plans is empty)' });
    expect(planAbility(targetWith({}, [PLAN])).run).toBe(PLAN);
  });

  test('a subscription-only merchant sells no one-time product: the purchase flows are skipped with that reason, never asking for one', () => {
    const product = { slug: 'tea', name: 'Tea', unitAmount: 1200, currency: 'jpy', price: { lookupKey: 'tea' }, expectedCommission: 240 };
    expect(productAbility({ name: 'kissa', catalogue: {} })).toEqual({
      reason: 'the merchant sells no one-time product (the target "kissa" has no catalogue.product), so the one-time purchase flows do not apply',
    });
    expect(productAbility({ name: 'kissa', catalogue: { product } }).run).toBe(product);
  });

  test('renewals need a test clock: the reason names the capability, or live mode', () => {
    expect(testClockReason(targetWith({ testClock: true }), 'test')).toBeUndefined();
    expect(testClockReason(targetWith({ testClock: false }), 'test')).toBe(
      'the target "kissa" cannot put a customer on a provider test clock (capabilities.testClock is false), so renewals cannot be rehearsed',
    );
    expect(testClockReason(targetWith({ testClock: true }), 'live')).toMatch(/^live mode: provider test clocks exist in test mode only/);
  });

  test('an embedded payment form has no provider page to go back from; a hosted one without the method is just missing it', () => {
    expect(returnToMerchantAbility(targetWith({ paymentForm: 'embedded-elements' }), flowsWith()).reason).toBe(
      "the target \"kissa\"'s payment form is embedded in the merchant's page (capabilities.paymentForm is 'embedded-elements'): there is no provider page to leave",
    );
    expect(returnToMerchantAbility(targetWith({ paymentForm: 'hosted-checkout' }), flowsWith()).reason).toBe(
      'the target "kissa" does not implement returnToMerchantAfterDecline (its flows.ts)',
    );
    expect(returnToMerchantAbility(targetWith({ paymentForm: 'hosted-checkout' }), flowsWith({ returnToMerchantAfterDecline: unused })).run).toBeDefined();
  });

  test('refunds follow capabilities.refunds: through the merchant, or at the provider with the reason the merchant is not checked', () => {
    const refundOrder = async () => ({ status: 'refunded' });
    expect(refundAbility(targetWith({ refunds: 'merchant-api' }), flowsWith({ refundOrder }))).toMatchObject({
      by: 'merchant', channel: 'merchant-api', words: "through the shop's API",
    });
    expect(refundAbility(targetWith({ refunds: 'merchant-admin-ui' }), flowsWith({ refundOrder }))).toMatchObject({ by: 'merchant', words: "from the shop's admin" });

    const atProvider = refundAbility(targetWith({ refunds: 'provider-api' }), flowsWith({ refundOrder }));
    expect(atProvider).toMatchObject({ by: 'provider', words: 'at the provider (as support does)' });
    expect(atProvider.by === 'provider' && atProvider.reason).toBe(
      "the harness refunded at the provider itself: the target \"kissa\" refunds at the provider (capabilities.refunds is 'provider-api'), " +
        'and the merchant has no refund page or API whose answer could be checked',
    );

    const missing = refundAbility(targetWith({ refunds: 'merchant-api' }), flowsWith());
    expect(missing.by === 'provider' && missing.reason).toBe(
      "the harness refunded at the provider itself: the target \"kissa\" does not implement refundOrder (its flows.ts), though capabilities.refunds is 'merchant-api'",
    );
  });
});
