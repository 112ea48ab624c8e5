import Stripe from 'stripe';
import type { FaultSwitches } from '../../faults';

/** The old default API version the account has with the fault `provider.legacy-api-version`. */
export const LEGACY_API_VERSION = '2024-06-20';

/** What an API version looks like: `2024-06-20`, or with a release name, `2025-03-31.basil`. */
export const API_VERSION_PATTERN = /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/;

/**
 * The account's default API version: what events are written in (and delivered in to endpoints created
 * without an `api_version`). `accountDefault` is the one the account was given, as Stripe's dashboard sets it
 * (default: the SDK's pinned version); the fault `provider.legacy-api-version` gives the account an old one.
 */
export function accountApiVersion(faults: FaultSwitches, accountDefault: string = Stripe.API_VERSION): string {
  return faults.has('provider.legacy-api-version') ? LEGACY_API_VERSION : accountDefault;
}
