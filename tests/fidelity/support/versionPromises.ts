import { jsonType } from './places';

/**
 * What a merchant pinned to an API version reads that another version changed, each with the changelog entry that
 * changed it. For a version whose published spec is not at hand (2020-08-27) these are the only shape checks; for the
 * others they add what a schema cannot say (a default that a version changed).
 */
export interface VersionPromise {
  /** The versions it holds in: from `since` (included) to `until` (excluded); either may be open. */
  since?: string;
  until?: string;
  /** The `object` it is about. */
  object: string;
  /** Only objects that a tour stop of this name answered (e.g. the intent created without `payment_method_types`). */
  stop?: string;
  says: string;
  source: string;
  holds(object: Record<string, unknown>): boolean;
}

const isList = (value: unknown) =>
  jsonType(value) === 'object' &&
  (value as Record<string, unknown>).object === 'list' &&
  Array.isArray((value as Record<string, unknown>).data);
const idOrNull = (value: unknown) => value === null || typeof value === 'string';
const has = (object: Record<string, unknown>, field: string) => field in object;

const CHARGES_REMOVED = 'docs.stripe.com/changelog/2022-11-15/removes-charges-attribute-paymentintent';
const REFUNDS_INCLUDABLE = 'docs.stripe.com/changelog/2022-11-15/deprecates-charges-auto-expand';
const PERIODS_MOVED = 'docs.stripe.com/changelog/basil/2025-03-31/deprecate-subscription-current-period-start-and-end';
const INVOICE_PARENT = 'docs.stripe.com/changelog/basil/2025-03-31/adds-new-parent-field-to-invoicing-objects';
const INVOICE_PAYMENTS = 'docs.stripe.com/changelog/basil/2025-03-31/add-support-for-multiple-partial-payments-on-invoices';
const AUTOMATIC_PAYMENT_METHODS = 'docs.stripe.com/changelog/2023-08-16/automatic-payment-methods';

export const VERSION_PROMISES: VersionPromise[] = [
  {
    until: '2022-11-15',
    object: 'payment_intent',
    says: '`charges` is a list of its charges',
    source: CHARGES_REMOVED,
    holds: (o) => isList(o.charges),
  },
  {
    until: '2022-11-15',
    object: 'charge',
    says: '`refunds` is a list, sent without expand[]',
    source: REFUNDS_INCLUDABLE,
    holds: (o) => isList(o.refunds),
  },
  {
    until: '2023-08-16',
    object: 'payment_intent',
    stop: 'create without payment_method_types',
    says: 'created without payment_method_types, it takes cards only: `automatic_payment_methods` null, `payment_method_types` ["card"]',
    source: AUTOMATIC_PAYMENT_METHODS,
    holds: (o) => o.automatic_payment_methods === null && JSON.stringify(o.payment_method_types) === '["card"]',
  },
  {
    until: '2025-03-31',
    object: 'subscription',
    says: '`current_period_start` and `current_period_end` are on the subscription',
    source: PERIODS_MOVED,
    holds: (o) => Number.isInteger(o.current_period_start) && Number.isInteger(o.current_period_end),
  },
  {
    until: '2025-03-31',
    object: 'invoice',
    says: '`subscription` is on the invoice (an id or null)',
    source: INVOICE_PARENT,
    holds: (o) => has(o, 'subscription') && idOrNull(o.subscription),
  },
  {
    until: '2025-03-31',
    object: 'invoice',
    says: '`payment_intent` and `charge` are on the invoice (ids or null), and `paid` a boolean',
    source: INVOICE_PAYMENTS,
    holds: (o) =>
      has(o, 'payment_intent') && idOrNull(o.payment_intent) && has(o, 'charge') && idOrNull(o.charge) && typeof o.paid === 'boolean',
  },
  {
    until: '2025-03-31',
    object: 'payment_intent',
    says: '`invoice` is on the payment intent (an id or null)',
    source: INVOICE_PAYMENTS,
    holds: (o) => has(o, 'invoice') && idOrNull(o.invoice),
  },
  {
    until: '2025-03-31',
    object: 'charge',
    says: '`invoice` is on the charge (an id or null)',
    source: INVOICE_PAYMENTS,
    holds: (o) => has(o, 'invoice') && idOrNull(o.invoice),
  },
  {
    since: '2023-08-16',
    object: 'payment_intent',
    stop: 'create without payment_method_types',
    says: 'created without payment_method_types, it has `automatic_payment_methods.enabled` true',
    source: AUTOMATIC_PAYMENT_METHODS,
    holds: (o) => (o.automatic_payment_methods as { enabled?: unknown } | null)?.enabled === true,
  },
];

/** The promises that hold in `version` (Stripe's versions sort by their date). */
export function promisesOf(version: string): VersionPromise[] {
  const date = version.slice(0, 10);
  return VERSION_PROMISES.filter((promise) => (!promise.since || date >= promise.since) && (!promise.until || date < promise.until));
}
