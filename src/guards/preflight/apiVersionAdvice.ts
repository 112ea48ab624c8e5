import { DEFAULT_PROVIDER_API_BASE } from '../../model/target/externalEnvironment';

/*
 * What to do about an API version mismatch, as the operator can do it. At Stripe the account's default API version
 * (the version of events and of webhook endpoints without one) is upgraded in the Dashboard's Workbench (Developers),
 * and a webhook endpoint's `api_version` is chosen when it is created and cannot be changed afterwards
 * (WebhookEndpoint.api_version in the SDK's types). The offline sandbox sets its account's default at start.
 */

/** True when the provider is Stripe itself (its API at api.stripe.com), not the offline sandbox. */
export function providerIsStripe(apiBase: string): boolean {
  try {
    return new URL(apiBase).host === new URL(DEFAULT_PROVIDER_API_BASE).host;
  } catch {
    return false;
  }
}

/** Where the account's default API version is set, for this provider: "upgrade the account's default API version to X in …". */
export function accountDefaultAdvice(apiBase: string, version: string): string {
  const atStripe = "Stripe's Dashboard (Developers › Workbench)";
  if (providerIsStripe(apiBase)) return `upgrade the account's default API version to ${version} in ${atStripe}`;
  return (
    `set the account's default API version to ${version}: restart the offline sandbox with ` +
    `\`npm run sandbox -- --api-version ${version}\` (or SANDBOX_API_VERSION=${version}), as ${atStripe} does for a Stripe account`
  );
}

/**
 * How to pin `count` webhook endpoints to `version`: the version is chosen when an endpoint is created and cannot be
 * changed, so each is recreated with it.
 */
export function pinEndpointAdvice(version: string, count: number): string {
  const them = count === 1 ? 'it' : 'them';
  return (
    `recreate ${them} with API version ${version} (\`api_version: '${version}'\` in webhookEndpoints.create, or the version ` +
    `chosen when adding the endpoint in the Dashboard › Developers › Webhooks) and delete the old ${count === 1 ? 'one' : 'ones'}, ` +
    "as an endpoint's API version cannot be changed once it is created"
  );
}
