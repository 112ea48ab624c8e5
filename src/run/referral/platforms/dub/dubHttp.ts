// Hand-written on fetch: the `dub` npm SDK is not a dependency here (the shared node_modules must not change).
import { setTimeout as sleep } from 'node:timers/promises';
import { redactText } from '../../../../base/redact';
import { processRateBudgets, type RateBudgets } from '../../../rateBudget/rateBudgets';
import type { RateZone } from '../../../rateBudget/zones';
import { ReferralApiError } from '../../referralApiError';
import { ANALYTICS_PACE } from './analyticsPace';

export type QueryValue = string | number | undefined;

export interface DubRetry {
  /** Retries after a 429, a 5xx or a lost connection. */
  maxRetries: number;
  baseDelayMs: number;
  /** The longest a 429 is waited for. */
  maxRateLimitWaitMs: number;
}

export const DEFAULT_DUB_RETRY: DubRetry = { maxRetries: 4, baseDelayMs: 250, maxRateLimitWaitMs: 10_000 };

/** Dub's analytics endpoints have their own per-second limit (https://dub.co/docs/api-reference/rate-limits). */
const ANALYTICS_PATHS = new Set(['/events', '/analytics']);

/**
 * Dub's REST API over fetch (https://dub.co/docs/api-reference/introduction): `Authorization: Bearer dub_…`; errors
 * `{ error: { code, message, doc_url } }` become ReferralApiErrors naming the method, the path, the status and Dub's
 * code, never the key. A 429 waits for `Retry-After` (seconds), else `X-RateLimit-Reset` (epoch seconds; Dub's code
 * has been seen sending an epoch in milliseconds in both, which is read too); a 5xx or a lost connection backs off;
 * at most `maxRetries` times. Analytics calls are spaced to Dub's 2/s (analyticsPace.ts). Every attempt first takes a slot of the harness's rate budget: the analytics API in the
 * `referralConversions` zone (120/min, under Dub's 2/s on Pro), the rest in `referralGeneral` (300/min, under 600/min).
 */
export class DubHttp {
  private readonly apiBase: string;

  constructor(
    apiBase: string,
    private readonly apiKey: string,
    private readonly retry: DubRetry = DEFAULT_DUB_RETRY,
    private readonly budgets: RateBudgets = processRateBudgets(),
  ) {
    this.apiBase = apiBase.replace(/\/+$/, '');
  }

  get<T>(path: string, query: Record<string, QueryValue> = {}): Promise<T> {
    return this.send<T>('GET', path, query);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PATCH', path, {}, body);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('POST', path, {}, body);
  }

  /** Every page of a page-numbered list (`page` from 1, `sizeParam` items a page), at most `maxPages`. */
  async pages<T>(
    path: string,
    query: Record<string, QueryValue>,
    options: { sizeParam: 'pageSize' | 'limit'; size: number; maxPages: number },
  ): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; page <= options.maxPages; page++) {
      const batch = await this.get<T[]>(path, { ...query, page, [options.sizeParam]: options.size });
      items.push(...batch);
      if (batch.length < options.size) break;
    }
    return items;
  }

  private async send<T>(method: 'GET' | 'POST' | 'PATCH', path: string, query: Record<string, QueryValue>, body?: unknown): Promise<T> {
    const url = new URL(`${this.apiBase}${path}`);
    for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = { authorization: `Bearer ${this.apiKey}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const init: RequestInit = { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) };
    const zone: RateZone = ANALYTICS_PATHS.has(path) ? 'referralConversions' : 'referralGeneral';

    for (let retry = 0; ; retry++) {
      const canRetry = retry < this.retry.maxRetries;
      if (zone === 'referralConversions') await ANALYTICS_PACE.take(this.apiKey);
      const at = await this.budgets.take(zone, this.apiKey);
      let response: Response;
      let text: string;
      try {
        response = await fetch(url, init);
        text = await response.text();
      } catch (error) {
        this.budgets.answered(zone, at, null);
        if (canRetry) {
          await sleep(this.retry.baseDelayMs * 2 ** retry);
          continue;
        }
        const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
        throw new ReferralApiError(0, 'connection_error', redactText(`Could not reach Dub at ${url.origin}: ${cause}.`), { cause: error });
      }
      this.budgets.answered(zone, at, response.status);
      if ((response.status === 429 || response.status >= 500) && canRetry) {
        await sleep(response.status === 429 ? this.rateLimitWaitMs(response.headers) : this.retry.baseDelayMs * 2 ** retry);
        continue;
      }
      if (!response.ok) throw apiError(response.status, method, path, text);
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new ReferralApiError(
          response.status,
          'invalid_response',
          `Dub answered ${method} ${path} with something that is not JSON: check REFERRAL_API_BASE (https://api.dub.co).`,
        );
      }
    }
  }

  /** Retry-After (seconds, or an epoch), else X-RateLimit-Reset (epoch seconds or ms), else 1 s; capped. */
  private rateLimitWaitMs(headers: Headers, now = Date.now()): number {
    const wait = waitFromHeader(headers.get('retry-after'), now) ?? waitFromHeader(headers.get('x-ratelimit-reset'), now, true) ?? 1000;
    return Math.min(Math.max(0, wait), this.retry.maxRateLimitWaitMs);
  }
}

/** A header as a wait in ms: small numbers are seconds (unless `epochOnly`), large ones epoch seconds or milliseconds. */
function waitFromHeader(value: string | null, now: number, epochOnly = false): number | undefined {
  const number = Number(value?.trim());
  if (!value || !Number.isFinite(number)) return undefined;
  if (number > 1e12) return number - now; // epoch milliseconds
  if (number > 1e9) return number * 1000 - now; // epoch seconds
  return epochOnly ? undefined : number * 1000;
}

/** `{ error: { code, message, doc_url } }` → one line: method, path, status, Dub's code and message; never a key. */
function apiError(status: number, method: string, path: string, text: string): ReferralApiError {
  let code: string | undefined;
  let message = '';
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    message = text.trim().slice(0, 120);
  }
  const type = status === 401 ? 'authentication_error' : status === 429 ? 'rate_limit_error' : status === 404 ? 'not_found' : 'dub_error';
  return new ReferralApiError(
    status,
    type,
    redactText(`Dub ${method} ${path} answered ${status}${code ? ` ${code}` : ''}${message ? `: ${message.replace(/[.\s]+$/, '')}` : ''}.`),
    {
      ...(code !== undefined ? { code: code === 'not_found' ? 'resource_missing' : code } : {}),
    },
  );
}
