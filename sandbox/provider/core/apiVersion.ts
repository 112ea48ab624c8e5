import Stripe from 'stripe';
import type { FaultSwitches } from '../../faults';

/** The old default API version the account has with the fault `provider.legacy-api-version`. */
export const LEGACY_API_VERSION = '2024-06-20';

/**
 * The account's default API version: what events are written in (and delivered in to endpoints created
 * without an `api_version`). The SDK's pinned version, unless the fault gives the account an old one.
 */
export function accountApiVersion(faults: FaultSwitches): string {
  return faults.has('provider.legacy-api-version') ? LEGACY_API_VERSION : Stripe.API_VERSION;
}
