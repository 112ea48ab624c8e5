import type { ReferralWebhookEndpoint } from '../../../contracts/referral';

/**
 * The metadata the harness puts on every webhook endpoint it registers at a referral platform (its sink, a
 * reachability probe): how it tells its own endpoints from the merchant's, whose deliveries are the evidence.
 */
export const HARNESS_ENDPOINT_METADATA = { created_by: 'dress-rehearsal' } as const;

/** True for an endpoint the harness registered (its metadata says so); false for the merchant's own. */
export function isHarnessEndpoint(endpoint: Pick<ReferralWebhookEndpoint, 'metadata'>): boolean {
  return endpoint.metadata?.created_by === HARNESS_ENDPOINT_METADATA.created_by;
}

/** True when the endpoint receives `eventType` (it lists it, or `*`). */
export function endpointReceives(endpoint: Pick<ReferralWebhookEndpoint, 'enabled_events'>, eventType: string): boolean {
  return endpoint.enabled_events.includes('*') || endpoint.enabled_events.includes(eventType);
}
