import Stripe from 'stripe';

/** One API call as the sandbox answered it: the raw JSON body, before the SDK turns it into objects. */
export interface RecordedCall {
  /** The tour stop that made the call (its `resource`, e.g. "payment intent"). */
  resource: string;
  /** The tour stop's own words for the call (e.g. "create with confirm=true"). */
  stop: string;
  method: string;
  /** The path without the query string, e.g. `/v1/customers/cus_123`. */
  path: string;
  /** The `expand[]` paths the request asked for (query or form body). */
  expand: string[];
  status: number;
  /** The `Stripe-Version` the request was sent with. */
  requestVersion: string | null;
  /** The `Stripe-Version` the answer says it is in. */
  responseVersion: string | null;
  body: unknown;
}

/** Where recorded calls go and which tour stop is running. */
export class CallLog {
  readonly calls: RecordedCall[] = [];
  current = { resource: 'setup', stop: 'setup' };

  /** A `fetch` that records every `/v1` exchange it carries (a clone of the response is read; the SDK gets the original). */
  readonly fetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (!url.pathname.startsWith('/v1/')) return response;
    const method = (init?.method ?? 'GET').toUpperCase();
    const text = await response.clone().text();
    this.calls.push({
      ...this.current,
      method,
      path: url.pathname,
      expand: expandPaths(method === 'GET' || method === 'DELETE' ? url.search.slice(1) : bodyText(init?.body)),
      status: response.status,
      requestVersion: headerOf(init?.headers, 'stripe-version'),
      responseVersion: response.headers.get('stripe-version'),
      body: parseJson(text),
    });
    return response;
  };
}

/**
 * The official SDK, pinned to `apiVersion` (absent: the SDK's own), talking to the sandbox through a recording fetch.
 * stripe-node sends its `apiVersion` as `Stripe-Version` on every request.
 */
export function recordingClient(port: number, secretKey: string, log: CallLog, apiVersion?: string): Stripe {
  return new Stripe(secretKey, {
    host: '127.0.0.1',
    port,
    protocol: 'http',
    httpClient: Stripe.createFetchHttpClient(log.fetch),
    maxNetworkRetries: 0,
    ...(apiVersion ? { apiVersion: apiVersion as Stripe.StripeConfig['apiVersion'] } : {}),
  });
}

function expandPaths(encoded: string): string[] {
  const params = new URLSearchParams(encoded);
  return [...params.entries()].filter(([key]) => /^expand\[\d*\]$/.test(key)).map(([, value]) => value);
}

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  return '';
}

function headerOf(headers: HeadersInit | undefined, name: string): string | null {
  if (!headers) return null;
  return new Headers(headers).get(name);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { unparsable: text.slice(0, 200) };
  }
}
