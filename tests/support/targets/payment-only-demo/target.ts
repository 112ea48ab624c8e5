import type { PaymentOnlyTarget, TargetEnvironment } from '../../../../src/model/target/contract';
import { describesExternalIntegration, externalEnvironment } from '../../../../src/model/target/externalEnvironment';
import { demoTarget } from '../../../../targets/demo/target';

/**
 * Test only: the demo shop as a payment-only go-live (`capabilities.referralProgramme: false`): no partner, no
 * agreed commissions, no referral platform in its environment, no referral endpoint required. Its rehearsal must skip
 * every referral step with the reason, run every payment step, and list the referral items as not in this rehearsal.
 */
const { product, zeroDecimalProduct, plans } = demoTarget.catalogue;

const paymentOnlyDemo: PaymentOnlyTarget = {
  ...demoTarget,
  name: 'payment-only-demo',
  description: 'The demo shop without a referral programme: a payment-only go-live (tests/support/targets).',
  capabilities: { ...demoTarget.capabilities, referralProgramme: false },
  catalogue: {
    ...(product ? { product: withoutCommission(product) } : {}),
    ...(zeroDecimalProduct ? { zeroDecimalProduct: withoutCommission(zeroDecimalProduct) } : {}),
    plans: plans.map(withoutCommission),
  },
  async connect(options) {
    if (describesExternalIntegration(options.env)) {
      return externalEnvironment(options.env, { paymentForm: demoTarget.capabilities.paymentForm, referralProgramme: false });
    }
    return withoutReferralPlatform(await demoTarget.connect(options));
  },
};

/** A product or plan as a merchant without a referral programme states it: no agreed commission. */
function withoutCommission<T extends { expectedCommission?: number }>(entry: T): Omit<T, 'expectedCommission'> {
  const { expectedCommission, ...rest } = entry;
  void expectedCommission;
  return rest;
}

/** The demo's sandbox environment as a payment-only merchant's: no referral platform, only the shop's endpoint required. */
function withoutReferralPlatform(environment: TargetEnvironment): TargetEnvironment {
  const { referral, ...rest } = environment;
  void referral;
  return {
    ...rest,
    requiredWebhookEndpoints: environment.requiredWebhookEndpoints.filter((endpoint) => endpoint.name !== 'the referral platform'),
  };
}

export default paymentOnlyDemo;
