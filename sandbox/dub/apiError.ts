/**
 * Dub's error codes and their HTTP statuses (SRC apps/web/lib/api/error-codes.ts; https://dub.co/docs/api-reference/errors).
 */
export const DUB_ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  exceeded_limit: 403,
  not_found: 404,
  conflict: 409,
  unprocessable_entity: 422,
  rate_limit_exceeded: 429,
  internal_server_error: 500,
} as const;
export type DubErrorCode = keyof typeof DUB_ERROR_STATUS;

const DOC_ERROR_URL = 'https://dub.co/docs/api-reference/errors';

/**
 * An error Dub answers with `{ error: { code, message, doc_url } }` (SRC apps/web/lib/api/errors.ts). Its doc_url
 * is built as Dub builds it, `code.replace("_", "-")`, which replaces the first underscore only
 * (`rate_limit_exceeded` → `#rate-limit_exceeded`).
 */
export class DubApiError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: DubErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.statusCode = DUB_ERROR_STATUS[code];
  }

  body(): { error: { code: DubErrorCode; message: string; doc_url: string } } {
    return { error: { code: this.code, message: this.message, doc_url: `${DOC_ERROR_URL}#${this.code.replace('_', '-')}` } };
  }
}

/** 404 as Dub words a missing object. */
export function notFound(message = 'The requested resource was not found.'): DubApiError {
  return new DubApiError('not_found', message);
}

/** 422 for a request that fails validation (Dub answers zod errors with unprocessable_entity). */
export function unprocessable(message: string): DubApiError {
  return new DubApiError('unprocessable_entity', message);
}
