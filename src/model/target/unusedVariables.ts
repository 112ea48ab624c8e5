import type { TargetEnvironment } from './contract';
import { EXTERNAL_VARIABLES, isExternalEnvironment } from './externalEnvironment';

/** What the guard knows of the connected environment (the webhook endpoints are optional: the guard's tests omit them). */
export type ConnectedEnvironment = Pick<TargetEnvironment, 'merchant' | 'provider' | 'referral'> &
  Partial<Pick<TargetEnvironment, 'requiredWebhookEndpoints' | 'embeddedSandbox'>>;

type Variable = (typeof EXTERNAL_VARIABLES)[keyof typeof EXTERNAL_VARIABLES];

/**
 * The provider, referral and merchant variables (EXTERNAL_VARIABLES) that are set (environment, .env, or
 * rehearsal.config.ts's `urls`) but that the connected environment does not use, in EXTERNAL_VARIABLES' order.
 * An environment `externalEnvironment` built read every one of them; any other (the embedded sandbox, a target that
 * connects its own way) uses a variable only when it carries the variable's value: keys, secrets and URLs by value,
 * a webhook endpoint's event list with that endpoint's URL.
 */
export function unusedIntegrationVariables(env: NodeJS.ProcessEnv, environment: ConnectedEnvironment): Variable[] {
  if (isExternalEnvironment(environment)) return [];
  const set = (Object.values(EXTERNAL_VARIABLES) as Variable[]).filter((name) => read(env, name) !== undefined);
  return set.filter((name) => !usedByValue(name, env, environment));
}

/** The values of the connected environment each variable would have given it. */
const USED_VALUES: Record<Variable, (environment: ConnectedEnvironment) => Array<string | undefined>> = {
  [EXTERNAL_VARIABLES.merchantUrl]: (e) => [e.merchant.baseUrl],
  [EXTERNAL_VARIABLES.providerApiBase]: (e) => [e.provider.apiBase],
  [EXTERNAL_VARIABLES.providerSecretKey]: (e) => [e.provider.secretKey],
  [EXTERNAL_VARIABLES.providerPublishableKey]: (e) => [e.provider.publishableKey],
  [EXTERNAL_VARIABLES.referralApiBase]: (e) => [e.referral?.apiBase],
  [EXTERNAL_VARIABLES.referralSecretKey]: (e) => [e.referral?.secretKey],
  [EXTERNAL_VARIABLES.referralPublishableKey]: (e) => [e.referral?.publishableKey],
  [EXTERNAL_VARIABLES.merchantAdminKey]: (e) => [e.merchant.adminKey],
  [EXTERNAL_VARIABLES.merchantWebhookUrl]: (e) => [e.merchant.webhook?.url, ...endpointUrls(e)],
  [EXTERNAL_VARIABLES.merchantWebhookSecret]: (e) => [e.merchant.webhook?.signingSecret],
  [EXTERNAL_VARIABLES.referralProviderWebhookUrl]: (e) => endpointUrls(e),
  // An event list describes its endpoint: used when the endpoint's URL variable is (see EVENT_LIST_OF).
  [EXTERNAL_VARIABLES.merchantWebhookEvents]: () => [],
  [EXTERNAL_VARIABLES.referralProviderWebhookEvents]: () => [],
};

/** The URL variable whose endpoint an event-list variable describes. */
const EVENT_LIST_OF: Partial<Record<Variable, Variable>> = {
  [EXTERNAL_VARIABLES.merchantWebhookEvents]: EXTERNAL_VARIABLES.merchantWebhookUrl,
  [EXTERNAL_VARIABLES.referralProviderWebhookEvents]: EXTERNAL_VARIABLES.referralProviderWebhookUrl,
};

function usedByValue(name: Variable, env: NodeJS.ProcessEnv, environment: ConnectedEnvironment): boolean {
  const endpoint = EVENT_LIST_OF[name];
  if (endpoint) return read(env, endpoint) !== undefined && usedByValue(endpoint, env, environment);
  const value = read(env, name)!;
  return USED_VALUES[name](environment).some((used) => used !== undefined && sameValue(used, value));
}

function endpointUrls(environment: ConnectedEnvironment): string[] {
  return (environment.requiredWebhookEndpoints ?? []).map((endpoint) => endpoint.url);
}

/** Equal as typed, or as the same URL but for trailing slashes. */
function sameValue(used: string, typed: string): boolean {
  return used.trim() === typed || used.trim().replace(/\/+$/, '') === typed.replace(/\/+$/, '');
}

function read(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}
