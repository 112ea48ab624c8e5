// Hand-written on fetch: Rewardful publishes no JavaScript SDK for its REST API.
import { setTimeout as sleep } from 'node:timers/promises';
import { redactText } from '../../../../base/redact';
import { ReferralApiError } from '../../referralApiError';
import type { RewardfulPage } from './rewardfulObjects';

export type QueryValue = string | number | readonly string[] | undefined;

export interface RewardfulRetry {
  /** Retries after a 429, a 5xx or a lost connection. */
  maxRetries: number;
  baseDelayMs: number;
  /** The longest a 429's reset is waited for (Rewardful's window is 30 s). */
  maxRateLimitWaitMs: number;
}

export const DEFAULT_REWARDFUL_RETRY: RewardfulRetry = { maxRetries: 3, baseDelayMs: 250, maxRateLimitWaitMs: 30_000 };

/**
 * Rewardful's REST API over fetch: HTTP Basic with the API Secret as the username and no password
 * (https://developers.rewardful.com/rest-api/overview); a 429 waits for the window's reset named by the `RateLimit`
 * header fields (draft-polli-ratelimit-headers: `RateLimit: …reset=N` or `RateLimit-Reset: N`; [3P] quoting the
 * overview), a 5xx or a lost connection backs off; at most `maxRetries` times. Errors are ReferralApiErrors naming the
 * method, the path and the status; never the secret.
 */
export class RewardfulHttp {
  private readonly apiBase: string;
  private readonly authorization: string;

  constructor(
    apiBase: string,
    apiSecret: string,
    private readonly retry: RewardfulRetry = DEFAULT_REWARDFUL_RETRY,
  ) {
    this.apiBase = apiBase.replace(/\/+$/, '');
    this.authorization = `Basic ${Buffer.from(`${apiSecret}:`).toString('base64')}`;
  }

  async get<T>(path: string, query: Record<string, QueryValue> = {}): Promise<T> {
    const url = new URL(`${this.apiBase}${path}`);
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value as readonly string[]) url.searchParams.append(`${name}[]`, item);
      else url.searchParams.set(name, String(value));
    }
    for (let retry = 0; ; retry++) {
      let response: Response;
      try {
        response = await fetch(url, { headers: { authorization: this.authorization, accept: 'application/json' } });
      } catch (error) {
        if (retry < this.retry.maxRetries) {
          await sleep(this.retry.baseDelayMs * 2 ** retry);
          continue;
        }
        const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
        throw new ReferralApiError(0, 'connection_error', redactText(`Could not reach Rewardful at ${url.origin}: ${cause}.`), {
          cause: error,
        });
      }
      const text = await response.text();
      if ((response.status === 429 || response.status >= 500) && retry < this.retry.maxRetries) {
        await sleep(response.status === 429 ? this.rateLimitWaitMs(response.headers) : this.retry.baseDelayMs * 2 ** retry);
        continue;
      }
      if (!response.ok) throw apiError(response.status, path, text);
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new ReferralApiError(
          response.status,
          'invalid_response',
          `Rewardful answered GET ${path} with something that is not JSON: check REFERRAL_API_BASE (https://api.getrewardful.com).`,
        );
      }
    }
  }

  /** Every page of a list (`page` from 1, `limit` 100: https://developers.rewardful.com/rest-api/overview#pagination), at most `maxPages`. */
  async all<T>(path: string, query: Record<string, QueryValue> = {}, maxPages = 20): Promise<T[]> {
    const items: T[] = [];
    for (let page: number | null = 1; page !== null && page <= maxPages;) {
      const answer: RewardfulPage<T> = await this.get<RewardfulPage<T>>(path, { ...query, page, limit: 100 });
      items.push(...answer.data);
      page = answer.pagination?.next_page ?? null;
    }
    return items;
  }

  /** The seconds until the window resets, from `RateLimit` (reset=N), `RateLimit-Reset` or `Retry-After`; else 1 s. */
  private rateLimitWaitMs(headers: Headers): number {
    const structured = /(?:^|[,;\s])reset=(\d+)/i.exec(headers.get('ratelimit') ?? '')?.[1];
    const seconds = Number(structured ?? headers.get('ratelimit-reset') ?? headers.get('retry-after') ?? 1);
    return Math.min(Math.max(0, Number.isFinite(seconds) ? seconds : 1) * 1000, this.retry.maxRateLimitWaitMs);
  }
}

/** `{"error": "…"}` (REST overview) → one line: the path and the status, Rewardful's sentence, never a key. */
function apiError(status: number, path: string, text: string): ReferralApiError {
  let message = '';
  try {
    const body = JSON.parse(text) as { error?: unknown; details?: unknown };
    if (typeof body.error === 'string') message = body.error;
    if (Array.isArray(body.details)) message += ` (${body.details.map(String).join('; ')})`;
  } catch {
    message = text.trim().slice(0, 120);
  }
  const type =
    status === 401 ? 'authentication_error' : status === 429 ? 'rate_limit_error' : status === 404 ? 'not_found' : 'rewardful_error';
  return new ReferralApiError(status, type, redactText(`Rewardful GET ${path} answered ${status}${message ? `: ${message}` : ''}.`), {
    ...(status === 404 ? { code: 'resource_missing' } : {}),
  });
}
