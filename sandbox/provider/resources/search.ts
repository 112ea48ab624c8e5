import type Stripe from 'stripe';
import { invalidRequest } from '../core/errors';
import { paginate } from '../core/listing';
import { optionalString, optionalStringArray, requiredString } from '../core/params';
import { compileSearchQuery, type SearchField, type SearchFields } from '../core/searchQuery';
import type { Endpoint, ProviderServices, Resource } from '../core/services';
import type { StoredKinds } from '../core/store';

/**
 * Stripe's search endpoints: `GET /v1/{charges,customers,invoices,payment_intents,prices,products,subscriptions}/search`
 * with `query` (required), `limit` (1..100, default 10), `page` (the `next_page` of an earlier answer) and `expand[]`.
 *
 * The answer (docs.stripe.com/api/pagination/search, stripe-node's `ApiSearchResult`, the 2023-08-16 OpenAPI
 * `SearchResult`): `{ object: 'search_result', data, has_more, next_page, url }`; `next_page` is null on the last
 * page; `total_count` (matches in all) only with `expand[]=total_count`. Newest first. `page` tokens are the
 * sandbox's own (opaque base64url); an unreadable one is a 400 in the sandbox's wording.
 *
 * Known difference: Stripe's search index is eventually consistent ("data is searchable in under 1 minute", up to an
 * hour during outages; docs.stripe.com/search#data-freshness), so a search right after a write may miss the object
 * there. The sandbox answers from its live state at once: a read-after-write search that passes here can fail
 * against Stripe. Also not emulated: the minimum API version for search (2020-08-27) and the 20 reads/s limit.
 *
 * Fields per resource: docs.stripe.com/search#supported-query-fields-for-each-resource (types token / string /
 * numeric as listed there); subscriptions' `canceled_at` and invoices' `last_finalization_error_code|type` are from
 * Stripe's MCP search tool description, which gives no type: numeric and token are the sandbox's guesses.
 */

const token = <T>(read?: (object: T) => unknown): SearchField<T> => ({ type: 'token', ...(read ? { read } : {}) });
const string = <T>(read?: (object: T) => unknown): SearchField<T> => ({ type: 'string', ...(read ? { read } : {}) });
const numeric = <T>(read?: (object: T) => unknown): SearchField<T> => ({ type: 'numeric', ...(read ? { read } : {}) });

/** `payment_method_details.{card,card_present,interac_present}.{last4,exp_month,exp_year,brand,fingerprint}` (tokens). */
function paymentMethodDetailsFields(): Record<string, SearchField<Stripe.Charge>> {
  const fields: Record<string, SearchField<Stripe.Charge>> = {};
  for (const source of ['card', 'card_present', 'interac_present']) {
    for (const detail of ['last4', 'exp_month', 'exp_year', 'brand', 'fingerprint'])
      fields[`payment_method_details.${source}.${detail}`] = token();
  }
  return fields;
}

/**
 * Stripe: `refunded:"true"` finds fully refunded charges, `refunded:"false"` partially refunded ones, and
 * `refunded:null` charges with no refund (docs.stripe.com/search, query fields for charges).
 */
function refundedToken(charge: Stripe.Charge): string | null {
  if (charge.refunded) return 'true';
  return charge.amount_refunded > 0 ? 'false' : null;
}

const chargeFields: SearchFields<Stripe.Charge> = {
  resource: 'charges',
  metadata: true,
  fields: {
    amount: numeric(),
    'billing_details.address.postal_code': token(),
    created: numeric(),
    currency: token(),
    customer: token(),
    disputed: { type: 'token', values: ['true', 'false'] },
    ...paymentMethodDetailsFields(),
    refunded: { type: 'token', read: refundedToken, values: ['true', 'false'] },
    status: token(),
  },
};

const customerFields: SearchFields<Stripe.Customer> = {
  resource: 'customers',
  metadata: true,
  fields: { created: numeric(), email: string(), name: string(), phone: string() },
};

const invoiceFields: SearchFields<Stripe.Invoice> = {
  resource: 'invoices',
  metadata: true,
  fields: {
    created: numeric(),
    currency: token(),
    customer: token(),
    last_finalization_error_code: token((invoice) => invoice.last_finalization_error?.code),
    last_finalization_error_type: token((invoice) => invoice.last_finalization_error?.type),
    number: string(),
    receipt_number: string(),
    status: string(),
    // Since 2025-03-31.basil an invoice names its subscription under `parent.subscription_details`.
    subscription: string((invoice) => invoice.parent?.subscription_details?.subscription),
    total: numeric(),
  },
};

const paymentIntentFields: SearchFields<Stripe.PaymentIntent> = {
  resource: 'payment_intents',
  metadata: true,
  fields: { amount: numeric(), created: numeric(), currency: token(), customer: token(), status: token() },
};

const priceFields: SearchFields<Stripe.Price> = {
  resource: 'prices',
  metadata: true,
  fields: { active: token(), currency: token(), lookup_key: string(), product: string(), type: token() },
};

const productFields: SearchFields<Stripe.Product> = {
  resource: 'products',
  metadata: true,
  fields: { active: token(), description: string(), name: string(), shippable: token(), url: string() },
};

const subscriptionFields: SearchFields<Stripe.Subscription> = {
  resource: 'subscriptions',
  metadata: true,
  fields: { canceled_at: numeric(), created: numeric(), status: token() },
};

/** The kinds Stripe can search. */
type SearchableKind = 'charge' | 'customer' | 'invoice' | 'payment_intent' | 'price' | 'product' | 'subscription';

interface Searchable<K extends SearchableKind> {
  kind: K;
  fields: SearchFields<StoredKinds[K]>;
  /** Objects a list leaves out are left out here too (prices made for `price_data`). */
  hidden?(object: StoredKinds[K], services: ProviderServices): boolean;
}

/** One searchable kind, typed by its own objects (the table below holds them all as `Searchable<SearchableKind>`). */
function searchable<K extends SearchableKind>(entry: Searchable<K>): Searchable<SearchableKind> {
  return entry as unknown as Searchable<SearchableKind>;
}

/** The searchable kinds, by the path segment of their search URL. */
const SEARCHABLE: Record<string, Searchable<SearchableKind>> = {
  charges: searchable({ kind: 'charge', fields: chargeFields }),
  customers: searchable({ kind: 'customer', fields: customerFields }),
  invoices: searchable({ kind: 'invoice', fields: invoiceFields }),
  payment_intents: searchable({ kind: 'payment_intent', fields: paymentIntentFields }),
  prices: searchable({ kind: 'price', fields: priceFields, hidden: (price, services) => services.store.inlinePrices.has(price.id) }),
  products: searchable({ kind: 'product', fields: productFields }),
  subscriptions: searchable({ kind: 'subscription', fields: subscriptionFields }),
};

export interface SearchResult<T> {
  object: 'search_result';
  data: T[];
  has_more: boolean;
  next_page: string | null;
  url: string;
  total_count?: number;
}

/** The sandbox's `next_page`: the id of the last object returned, base64url-encoded (opaque to callers). */
function pageToken(lastId: string): string {
  return Buffer.from(JSON.stringify({ after: lastId }), 'utf8').toString('base64url');
}

function afterIdOf(page: string): string {
  try {
    const decoded = JSON.parse(Buffer.from(page, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof decoded.after === 'string') return decoded.after;
  } catch {
    // falls through to the error
  }
  throw invalidPage(page);
}

/** A `page` that is not a `next_page` of this sandbox (Stripe's wording for this is unknown). */
function invalidPage(page: string) {
  return invalidRequest(
    `Invalid page: ${page}. Pass the next_page value of an earlier search with the same query (the sandbox provider's wording).`,
    { param: 'page' },
  );
}

function searchEndpoint(segment: string, entry: Searchable<SearchableKind>): Endpoint {
  const url = `/v1/${segment}/search`;
  return {
    method: 'GET',
    path: url,
    params: ['query', 'limit', 'page'],
    handle({ params, services }): SearchResult<{ id: string; created: number }> {
      const matches = compileSearchQuery(requiredString(params, 'query'), entry.fields);
      // Newest first, as lists; the page cursor is a position in this order, so a match that changes between pages
      // neither repeats nor shifts the pages after it.
      let candidates = visible(services, entry);
      const page = optionalString(params, 'page');
      if (page !== undefined && page !== '') {
        const afterId = afterIdOf(page);
        const index = candidates.findIndex((object) => object.id === afterId);
        if (index < 0) throw invalidPage(page);
        candidates = candidates.slice(index + 1);
      }
      const found = candidates.filter(matches);
      // `paginate` with only `limit` checks it (1..100, default 10) and cuts the page, as list endpoints do.
      const { data, has_more } = paginate(found, { limit: params.limit }, url, entry.kind);
      const last = data[data.length - 1];
      const result: SearchResult<{ id: string; created: number }> = {
        object: 'search_result',
        data,
        has_more,
        next_page: has_more && last ? pageToken(last.id) : null,
        url,
      };
      // Stripe: total_count is there only with expand[]=total_count ("only accurate up to 10,000"): all matches.
      if ((optionalStringArray(params, 'expand') ?? []).includes('total_count')) {
        result.total_count = visible(services, entry).filter(matches).length;
      }
      return result;
    },
  };
}

/** Every object of the kind that a search can find, newest first. */
function visible(services: ProviderServices, entry: Searchable<SearchableKind>): StoredKinds[SearchableKind][] {
  return services.store.all(entry.kind).filter((object) => !entry.hidden?.(object, services));
}

export const search: Resource = {
  endpoints: Object.entries(SEARCHABLE).map(([segment, entry]) => searchEndpoint(segment, entry)),
};
