import type { ReferralPlatformLimits } from '../../../../model/target/referralPlatform';

/**
 * What Dub's public API cannot show the harness, as the sign-off prints it. Checked against Dub's OpenAPI
 * (github.com/dubinc/dub apps/web/lib/openapi) and docs (https://dub.co/docs/api-reference).
 */
export const DUB_LIMITS: ReferralPlatformLimits = {
  deliveryLog:
    "Dub's API lists no webhook deliveries: the dashboard's Webhook Logs tab (https://dub.co/docs/webhooks/introduction) is the only record",
  webhookEndpoints:
    "Dub's public API has no webhook endpoints: they are added in the dashboard (Settings → Webhooks), so the harness cannot register its own receiver",
  program:
    "Dub's public API returns no program or reward (rewards are set per partner group in the dashboard): the target's agreed commission is used",
  clicksByRunId:
    "Dub's events API filters clicks by link, partner or customer, not by the landing page's utm_campaign: the click is the one Dub's script left in the dub_id cookie",
};
