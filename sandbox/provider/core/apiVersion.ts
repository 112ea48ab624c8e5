import Stripe from 'stripe';
import type { FaultSwitches } from '../../faults';
import { invalidRequest } from './errors';
import { isKnownApiVersion } from '../versions/knownVersions';

/** The old default API version the account has with the fault `provider.legacy-api-version`. */
export const LEGACY_API_VERSION = '2024-06-20';

/** What an API version looks like: `2024-06-20`, or with a release name, `2025-03-31.basil`. */
export const API_VERSION_PATTERN = /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/;

/**
 * The account's default API version: what a request without `Stripe-Version` is answered in, what events are
 * written in (and delivered in to endpoints created without an `api_version`). `accountDefault` is the one the
 * account was given, as Stripe's dashboard sets it (default: the SDK's pinned version); the fault
 * `provider.legacy-api-version` gives the account an old one.
 */
export function accountApiVersion(faults: FaultSwitches, accountDefault: string = Stripe.API_VERSION): string {
  return faults.has('provider.legacy-api-version') ? LEGACY_API_VERSION : accountDefault;
}

/**
 * The version a `/v1` request is answered in: its `Stripe-Version` header, else the account's default (Stripe:
 * "your account's default API version … unless you override it with the Stripe-Version header",
 * docs.stripe.com/api/versioning). A header that is not a released version is a 400 `invalid_request_error`
 * "Invalid Stripe API version: <header>" with no `code` or `param`, as Stripe answers (error bodies quoted in
 * github.com/beam-community/stripity-stripe/pull/613 and github.com/stripe/stripe-java/issues/682).
 */
export function requestApiVersion(header: string | undefined, accountDefault: string): string {
  if (header === undefined) return accountDefault;
  if (!isKnownApiVersion(header)) throw invalidRequest(`Invalid Stripe API version: ${header}`);
  return header;
}
