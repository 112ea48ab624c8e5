import type { ReferralPlatform } from '../../model/target/referralPlatform';
import type { ReferralWebhookEndpoint } from '../../../contracts/referral';
import { isHarnessEndpoint } from '../../run/webhooks/harnessEndpoint';
import { listsEndpoints, platformLimit } from '../../run/referral/platformLimits';

/** More pages than this is not a merchant's setup: stop (the check judges what it read). */
const MAX_PAGES = 10;

/**
 * Every webhook endpoint of the referral platform's account, paged 100 at a time (`starting_after`). Rejects, with
 * the platform's reason, for a platform whose API lists none: its checks skip first (`referralEndpointsLimit`).
 */
export async function listReferralWebhookEndpoints(referral: ReferralPlatform): Promise<ReferralWebhookEndpoint[]> {
  if (!listsEndpoints(referral))
    throw new Error(`The referral platform's webhook endpoints cannot be listed: ${referralEndpointsLimit(referral)}.`);
  const endpoints: ReferralWebhookEndpoint[] = [];
  let startingAfter: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const list = await referral.listWebhookEndpoints({ limit: 100, ...(startingAfter ? { starting_after: startingAfter } : {}) });
    endpoints.push(...list.data);
    if (!list.has_more || list.data.length === 0) break;
    startingAfter = list.data.at(-1)!.id;
  }
  return endpoints;
}

/** The merchant's own endpoints: enabled, and not one the harness registered (its sink, a reachability probe). */
export function merchantReferralEndpoints(endpoints: readonly ReferralWebhookEndpoint[]): ReferralWebhookEndpoint[] {
  return endpoints.filter((endpoint) => endpoint.status === 'enabled' && !isHarnessEndpoint(endpoint));
}

/** An endpoint as evidence: what the checks read, nothing secret. */
export function referralEndpointEvidence(endpoint: ReferralWebhookEndpoint) {
  return { id: endpoint.id, url: endpoint.url, status: endpoint.status, enabled_events: endpoint.enabled_events };
}

/**
 * Why the merchant's endpoints at the referral platform cannot be read (no webhook endpoint API: they are set in the
 * platform's dashboard), as the platform's adapter says it; undefined when they can.
 */
export function referralEndpointsLimit(referral: ReferralPlatform): string | undefined {
  return platformLimit(referral, 'webhookEndpoints', ['listWebhookEndpoints']);
}
