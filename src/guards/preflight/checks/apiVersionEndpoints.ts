import type Stripe from 'stripe';
import { pinEndpointAdvice } from '../apiVersionAdvice';
import { endpointEvidence, endpointsAt, endpointsByOwner } from '../requiredEndpoints';
import { failed, passed, skipped } from '../outcome';
import type { PreflightCheck } from '../types';
import { capitalise } from '../sentence';
import type { RequiredWebhookEndpoint } from '../../../model/target/contract';

/**
 * api-version-pinned: each of the merchant's own required webhook endpoints has the `api_version` the integration's
 * code pins (`goLive.apiVersion`); one without (null) follows the account's default, which changes: failed. The
 * referral platform's endpoint is the platform's, not the merchant's to fix: its version is shown as information only.
 */
export const apiVersionEndpoints: PreflightCheck = {
  id: 'provider.api-version-endpoints',
  item: 'api-version-pinned',
  async run(context) {
    const pinned = context.target.goLive.apiVersion;
    const owned = endpointsByOwner(context.environment);
    if (owned.merchant.length === 0) {
      const others =
        owned.referralPlatform.length > 0 ? " (the referral platform's endpoint is the platform's, not the merchant's to pin)" : '';
      return skipped(
        `The target names no webhook endpoint of the merchant's own (MERCHANT_WEBHOOK_URL), so there is no endpoint version to check${others}.`,
      );
    }

    const endpoints = await context.webhookEndpoints();
    const details: string[] = [];
    const wrong: Array<{ clause: string; endpoint: Stripe.WebhookEndpoint }> = [];
    let checked = 0;
    for (const need of owned.merchant) {
      const found = endpointsAt(endpoints, need);
      if (found.length === 0) {
        details.push(
          `${capitalise(need.name)}'s endpoint ${need.url} is not registered, so its version is not checked here (see the webhook endpoints item).`,
        );
        continue;
      }
      for (const endpoint of found) {
        checked += 1;
        const version = versionOf(need, endpoint, pinned);
        details.push(`${capitalise(version.clause)}.`);
        if (!version.pinned) wrong.push({ clause: version.clause, endpoint });
      }
    }
    for (const need of owned.referralPlatform) {
      for (const endpoint of endpointsAt(endpoints, need)) {
        details.push(
          `${capitalise(versionOf(need, endpoint, pinned).clause)} (information only: the referral platform registered it and owns it, not the merchant).`,
        );
      }
    }
    const evidence = {
      pinned,
      endpoints: endpoints.filter((e) => owned.merchant.some((need) => need.url === e.url)).map(endpointEvidence),
      referralPlatformEndpoints: endpoints.filter((e) => owned.referralPlatform.some((need) => need.url === e.url)).map(endpointEvidence),
    };
    if (checked === 0) {
      return skipped(
        "None of the merchant's required webhook endpoints is registered at the provider, so no endpoint version could be checked (see the webhook endpoints item).",
        { details, evidence },
      );
    }
    if (wrong.length === 0) {
      return passed(
        `${checked === 1 ? "The merchant's webhook endpoint is" : `All ${checked} of the merchant's webhook endpoints are`} pinned to API version ${pinned}.`,
        { details, evidence },
      );
    }
    // An endpoint ahead of the code ("2027-…" sorts after "2026-…": versions are dates) may be met by upgrading the code.
    const newer = [...new Set(wrong.map((w) => w.endpoint.api_version).filter((v): v is string => typeof v === 'string' && v > pinned))];
    const upgrade = newer.length > 0 ? `; or upgrade the code to ${newer.join(' / ')}` : '';
    return failed(`${capitalise(wrong.map((w) => w.clause).join('; '))}: ${pinEndpointAdvice(pinned, wrong.length)}${upgrade}.`, {
      details,
      evidence,
    });
  },
};

/** One endpoint's version, as a clause: pinned, unpinned (follows the account's default) or on another version. */
function versionOf(need: RequiredWebhookEndpoint, endpoint: Stripe.WebhookEndpoint, pinned: string): { clause: string; pinned: boolean } {
  const who = `${need.name}'s endpoint ${endpoint.id} (${endpoint.url})`;
  if (endpoint.api_version === pinned) return { clause: `${who} is pinned to ${pinned}`, pinned: true };
  if (endpoint.api_version === null || endpoint.api_version === undefined) {
    return { clause: `${who} has no API version, so it follows the account's default`, pinned: false };
  }
  return { clause: `${who} is on API version ${endpoint.api_version}, not ${pinned}`, pinned: false };
}
