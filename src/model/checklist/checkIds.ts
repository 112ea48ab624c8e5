/**
 * The preflight checks, by id, in the order they run. The checks themselves live in src/guards/preflight/checks (one
 * file each, every one declaring one of these ids); the ids are here so the checklist catalogue can name the checks
 * that decide an item without depending on the code that runs them.
 */
export const CHECK_IDS = [
  'keys.authenticate',
  'keys.mode',
  'provider.api-version-endpoints',
  'provider.api-version-events',
  'provider.request-ids',
  'provider.catalogue',
  'webhooks.endpoints-registered',
  'webhooks.endpoints-https',
  'webhooks.endpoints-reachable',
  'referral.endpoints-ping',
  'merchant-webhook.answers-signed',
  'merchant-webhook.rejects-unsigned',
  'merchant-webhook.rejects-forged',
  'merchant-webhook.rejects-stale',
  'merchant-webhook.rejects-other-mode',
  'browser.no-secret-keys',
  'referral.snippet-key',
  'referral.commission-rule',
  'rewardful.script-installed',
  'dub.script-installed',
] as const;

/** A preflight check's id, e.g. `webhooks.endpoints-registered`. */
export type CheckId = (typeof CHECK_IDS)[number];

/** Whether a string read from a report or a file names a preflight check. */
export function isCheckId(value: string): value is CheckId {
  return (CHECK_IDS as readonly string[]).includes(value);
}
