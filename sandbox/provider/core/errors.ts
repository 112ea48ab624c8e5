import type Stripe from 'stripe';

/** The `error` member of a Stripe error response, as stripe-node reads it. */
export interface StripeErrorBody {
  // Stripe's published `api_errors.type` enum (OpenAPI spec 2023-08-16 and today's SDK): no `authentication_error`.
  type: 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: Stripe.PaymentIntent;
  /** A SetupIntent's failed confirmation carries the intent, as a PaymentIntent's decline does. */
  setup_intent?: Stripe.SetupIntent;
}

/** Thrown by handlers; the core turns it into Stripe's `{ error: {...} }` body with this status. */
export class ProviderApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }

  /** Validation failures: nothing is saved for their idempotency key (Stripe saves only executed requests). */
  get isValidationFailure(): boolean {
    return this.body.type === 'invalid_request_error' && (this.status === 400 || this.status === 404);
  }
}

export function docUrl(code: string): string {
  return `https://docs.stripe.com/error-codes/${code.replace(/_/g, '-')}`;
}

export function invalidRequest(message: string, options: { param?: string; code?: string; status?: number } = {}): ProviderApiError {
  const { param, code, status = 400 } = options;
  return new ProviderApiError(status, {
    type: 'invalid_request_error',
    message,
    ...(code ? { code, doc_url: docUrl(code) } : {}),
    ...(param ? { param } : {}),
  });
}

export function missingParam(param: string): ProviderApiError {
  return invalidRequest(`Missing required param: ${param}.`, { param, code: 'parameter_missing' });
}

export function unknownParam(param: string): ProviderApiError {
  return invalidRequest(`Received unknown parameter: ${param}`, { param, code: 'parameter_unknown' });
}

export function resourceMissing(objectName: string, id: string, param = 'id'): ProviderApiError {
  return invalidRequest(`No such ${objectName}: '${id}'`, { param, code: 'resource_missing', status: 404 });
}

export function unrecognizedUrl(method: string, url: string): ProviderApiError {
  return invalidRequest(
    `Unrecognized request URL (${method}: ${url}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    { status: 404 },
  );
}

export function idempotencyError(message: string, status = 400): ProviderApiError {
  return new ProviderApiError(status, { type: 'idempotency_error', message });
}

/**
 * A missing, unknown or refused API key: status 401 with `type: 'invalid_request_error'`, as Stripe answers (its
 * published error `type` enum has no `authentication_error`: OpenAPI spec 2023-08-16 `api_errors.type`; stripe-mock,
 * Stripe's own mock server, answers a bad Authorization header with a 401 `invalid_request_error`). stripe-node picks
 * `StripeAuthenticationError` by the 401 status alone (its Error.js `generateV1Error`), whatever the type says.
 */
export function authenticationError(message: string): ProviderApiError {
  return new ProviderApiError(401, { type: 'invalid_request_error', message });
}

/**
 * Test helpers (`/v1/test_helpers/*`, e.g. test clocks) exist only in test mode; Stripe answers a live key with a
 * 400 `invalid_request_error`. The wording is the sandbox's own.
 */
export function testHelpersInLiveMode(): ProviderApiError {
  return invalidRequest(
    'Test helpers are only available in test mode: this request was made with a live mode key. Use your test mode keys to call /v1/test_helpers endpoints.',
  );
}
