import type Stripe from 'stripe';
import type { ProviderRequestRecord } from './flowRecord';

/** What the Stripe SDK reports after each response (its `response` event); only the fields the record keeps. */
interface SdkResponseEvent {
  method?: string;
  path?: string;
  status?: number;
  request_id?: string;
  elapsed: number;
  request_start_time?: number;
}

/**
 * Records every call the SDK client makes: method, path (without its query string), status, the response's
 * `Request-Id` (undefined when it had none), start time and duration. Resolves nothing; returns the function that
 * stops recording.
 */
export function recordProviderRequests(provider: Stripe, record: (request: ProviderRequestRecord) => void): () => void {
  const onResponse = (event: SdkResponseEvent) => {
    const request: ProviderRequestRecord = {
      method: (event.method ?? 'GET').toUpperCase(),
      path: (event.path ?? '').split('?')[0] ?? '',
      status: event.status ?? 0,
      at: event.request_start_time ?? Date.now() - event.elapsed,
      elapsedMs: event.elapsed,
    };
    if (event.request_id) request.requestId = event.request_id;
    record(request);
  };
  provider.on('response', onResponse);
  return () => {
    provider.off('response', onResponse);
  };
}
