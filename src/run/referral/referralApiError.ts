/** An error answer from the referral platform's API: `{ error: { type, code, message, param? } }`. */
export class ReferralApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly code?: string;
  readonly param?: string;

  constructor(status: number, type: string, message: string, details: { code?: string; param?: string; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ReferralApiError';
    this.status = status;
    this.type = type;
    if (details.code !== undefined) this.code = details.code;
    if (details.param !== undefined) this.param = details.param;
  }
}
