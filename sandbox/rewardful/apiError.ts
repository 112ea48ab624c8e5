/**
 * An error as Rewardful's API answers it: the status and `{ "error": "<sentence>" }`, with `details` on a 422
 * (https://developers.rewardful.com/rest-api/overview: 401 and 422 JSON answers; the bodies' wording from the
 * docs' PDF export, https://developers.rewardful.com/~gitbook/pdf).
 */
export class RewardfulApiError extends Error {
  constructor(
    readonly statusCode: 400 | 401 | 404 | 422 | 429,
    message: string,
    readonly details?: string[],
  ) {
    super(message);
  }

  body(): { error: string; details?: string[] } {
    return { error: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

/** 404 as https://developers.rewardful.com/rest-api/affiliates/retrieve shows it: `Affiliate not found: <id>`. */
export function notFound(kind: string, id: string): RewardfulApiError {
  return new RewardfulApiError(404, `${kind} not found: ${id}`);
}
