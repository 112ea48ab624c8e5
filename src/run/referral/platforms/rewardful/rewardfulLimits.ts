import type { ReferralPlatformLimits } from '../../../../model/target/referralPlatform';

/** What Rewardful's public API cannot show the harness, as the sign-off prints it. */
export const REWARDFUL_LIMITS: ReferralPlatformLimits = {
  deliveryLog:
    "Rewardful's API lists no webhook deliveries: its dashboard's webhook log (Webhooks → an endpoint's events) is the only record " +
    '(https://help.rewardful.com/en/articles/3987783-webhooks)',
  webhookEndpoints:
    "Rewardful's API has no webhook endpoints: they are added on its dashboard's Webhooks page, so the harness cannot register its own " +
    'receiver (https://developers.rewardful.com/webhooks/endpoints)',
  clicksByRunId:
    "Rewardful stores no UTM parameters: a visit (referral) cannot be found by the run id, so the click is the referral Rewardful's " +
    'script left in the browser (Rewardful.referral)',
  conversionsByPayment:
    "Rewardful's sale names the Stripe charge only (stripe_charge_id), not the checkout session or payment intent " +
    '(https://developers.rewardful.com/rest-api/commissions/object)',
};
