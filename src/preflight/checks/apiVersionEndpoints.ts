import { endpointEvidence, endpointsAt } from '../requiredEndpoints';
import { failed, passed, skipped } from '../outcome';
import type { PreflightCheck } from '../types';
import { capitalise } from '../sentence';

/**
 * api-version-pinned: each required webhook endpoint's `api_version` equals the version the integration's code pins
 * (`goLive.apiVersion`); an endpoint without one (null) follows the account's default, which changes: failed.
 */
export const apiVersionEndpoints: PreflightCheck = {
  id: 'provider.api-version-endpoints',
  item: 'api-version-pinned',
  async run(context) {
    const pinned = context.target.goLive.apiVersion;
    const required = context.environment.requiredWebhookEndpoints;
    if (required.length === 0) return skipped('The target names no required webhook endpoints, so there is no endpoint version to check.');

    const endpoints = await context.webhookEndpoints();
    const details: string[] = [];
    const wrong: string[] = [];
    let checked = 0;
    for (const need of required) {
      const found = endpointsAt(endpoints, need);
      if (found.length === 0) {
        details.push(`${capitalise(need.name)}'s endpoint ${need.url} is not registered, so its version is not checked here (see the webhook endpoints item).`);
        continue;
      }
      for (const endpoint of found) {
        checked += 1;
        if (endpoint.api_version === pinned) {
          details.push(`${capitalise(need.name)}'s endpoint ${endpoint.id} (${endpoint.url}) is pinned to ${pinned}.`);
        } else if (endpoint.api_version === null || endpoint.api_version === undefined) {
          const line = `${need.name}'s endpoint ${endpoint.id} (${endpoint.url}) has no API version, so it follows the account's default`;
          details.push(capitalise(`${line}.`));
          wrong.push(line);
        } else {
          const line = `${need.name}'s endpoint ${endpoint.id} (${endpoint.url}) is on API version ${endpoint.api_version}`;
          details.push(capitalise(`${line}, not ${pinned}.`));
          wrong.push(line);
        }
      }
    }
    const evidence = { pinned, endpoints: endpoints.filter((e) => required.some((need) => need.url === e.url)).map(endpointEvidence) };
    if (checked === 0) {
      return skipped('None of the required webhook endpoints is registered at the provider, so no endpoint version could be checked (see the webhook endpoints item).', { details, evidence });
    }
    if (wrong.length === 0) return passed(`${checked === 1 ? 'The required webhook endpoint is' : `All ${checked} required webhook endpoints are`} pinned to API version ${pinned}.`, { details, evidence });
    return failed(
      `${capitalise(wrong.join('; '))}: recreate ${wrong.length === 1 ? 'it' : 'them'} in the provider's dashboard (Developers › Webhooks) with API version ${pinned}, the version the code pins.`,
      { details, evidence },
    );
  },
};
