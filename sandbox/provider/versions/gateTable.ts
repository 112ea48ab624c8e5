import { isBefore } from './knownVersions';
import type { VersionGate } from './gate';
import { BILLING_GATES } from './gates/billingGates';
import { CATALOGUE_GATES } from './gates/catalogueGates';
import { CHECKOUT_GATES } from './gates/checkoutGates';
import { PAYMENT_GATES } from './gates/paymentGates';

/**
 * Stripe's published API changes that touch what the sandbox serves (payment intents, charges, refunds, Checkout
 * Sessions, invoices and their lines, subscriptions, prices, products, discounts) from 2020-08-27 to the SDK's
 * version, newest first. Stored objects are in the newest shape; a response for an older version applies, newest
 * first, every gate whose version is after the request's (versions/render.ts). Only changes checked in Stripe's
 * changelog, stripe-node's CHANGELOG/types, Stripe's published 2023-08-16 OpenAPI spec or stripe/openapi's fixtures
 * are here (each row names its source); what is left out is listed in the README's "Known differences".
 * Releases with no change to these objects: 2023-10-16, 2024-06-20, 2024-09-30.acacia (stripe-node 14.0.0, 16.0.0 and
 * 17.0.0 CHANGELOGs list their breaking changes: accounts, issuing, billing alerts, terminal) and the monthly
 * releases, which are additive by Stripe's versioning policy (docs.stripe.com/upgrades).
 */
export const VERSION_GATES: readonly VersionGate[] = [...CHECKOUT_GATES, ...BILLING_GATES, ...PAYMENT_GATES, ...CATALOGUE_GATES].sort(
  (a, b) => (a.version.slice(0, 10) < b.version.slice(0, 10) ? 1 : a.version.slice(0, 10) > b.version.slice(0, 10) ? -1 : 0),
);

/**
 * Fields Stripe returns only when expanded since `since` (before it they were embedded, which a gate restores from
 * the store). The stored object may carry them; a response in `since` or later drops them unless `expand[]` asks.
 */
export const EXPAND_ONLY_FIELDS: readonly { object: string; field: string; since: string }[] = [
  // docs.stripe.com/changelog/2022-11-15/deprecates-charges-auto-expand; Charge.refunds is in x-expandableFields of the 2023-08-16 spec.
  { object: 'charge', field: 'refunds', since: '2022-11-15' },
];

/** Drops from an object of `objectType` (whole, or a partial one such as `previous_attributes`) what `version` shows only when expanded. */
export function dropExpandOnly(object: Record<string, unknown>, objectType: string, version: string): void {
  for (const { object: type, field, since } of EXPAND_ONLY_FIELDS) {
    if (type === objectType && !isBefore(version, since)) delete object[field];
  }
}

/** The gates that reshape an object of this type for a request in `version`, newest first. */
export function gatesFor(objectType: string, version: string): VersionGate[] {
  return VERSION_GATES.filter((gate) => gate.downgrade && gate.objects.includes(objectType) && isBefore(version, gate.version));
}
