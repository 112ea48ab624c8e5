/** An error the API answers with `{ error: { type, code, message, param? } }` and its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: 400 | 401 | 404 | 429,
    readonly type: 'invalid_request_error' | 'authentication_error' | 'rate_limit_error',
    readonly code: string,
    message: string,
    readonly param?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  body(): { error: { type: string; code: string; message: string; param?: string } } {
    return {
      error: { type: this.type, code: this.code, message: this.message, ...(this.param ? { param: this.param } : {}) },
    };
  }
}

export function missingResource(kind: string, id: string, param = 'id'): ApiError {
  return new ApiError(404, 'invalid_request_error', 'resource_missing', `No such ${kind}: '${id}'`, param);
}

export function invalidParam(param: string, message: string, code = 'parameter_invalid'): ApiError {
  return new ApiError(400, 'invalid_request_error', code, message, param);
}
