// Hand-written on fetch: this is our own referral platform's API and no SDK for it exists.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { redactText } from '../../base/redact';
import { processRateBudgets, type RateBudgets } from '../rateBudget/rateBudgets';
import { referralZoneFor } from '../rateBudget/zones';
import { ReferralApiError } from './referralApiError';
import type { ReferralPlatform, ReferralQuery } from '../../model/target/referralPlatform';
import { DEFAULT_REFERRAL_RETRY, isRetryableStatus, waitBeforeRetryMs, type ReferralRetryPolicy } from './retryPolicy';
import type {
  ReferralClick,
  ReferralCommission,
  ReferralConversion,
  ReferralDelivery,
  ReferralList,
  ReferralPartner,
  ReferralPing,
  ReferralProgram,
  ReferralWebhookEndpoint,
} from '../../../contracts/referral';

export { ReferralApiError } from './referralApiError';
export { DEFAULT_REFERRAL_RETRY, type ReferralRetryPolicy } from './retryPolicy';

export type { ReferralQuery } from '../../model/target/referralPlatform';

/**
 * The referral platform's API. Every call survives a flaky platform: connection errors, 5xx and 429 (after its
 * `Retry-After`) are retried at most 3 times; a POST carries one `Idempotency-Key` per call, sent again on each
 * retry, so it never creates twice; a DELETE that finds nothing on a retry after a lost answer has succeeded.
 * Every attempt first waits for a slot of its zone's rate budget (src/run/rateBudget).
 */
export class ReferralClient implements ReferralPlatform {
  private readonly apiBase: string;
  private readonly secretKey: string;
  private readonly retry: ReferralRetryPolicy;
  private readonly budgets: RateBudgets;

  constructor(options: { apiBase: string; secretKey: string; retry?: Partial<ReferralRetryPolicy>; budgets?: RateBudgets }) {
    this.apiBase = options.apiBase.replace(/\/+$/, '');
    this.secretKey = options.secretKey;
    this.retry = { ...DEFAULT_REFERRAL_RETRY, ...options.retry };
    this.budgets = options.budgets ?? processRateBudgets();
  }

  listClicks(params?: ReferralQuery): Promise<ReferralList<ReferralClick>> {
    return this.request('GET', '/v1/clicks', { query: params });
  }

  retrieveClick(id: string): Promise<ReferralClick> {
    return this.request('GET', `/v1/clicks/${encodeURIComponent(id)}`);
  }

  listConversions(params?: ReferralQuery): Promise<ReferralList<ReferralConversion>> {
    return this.request('GET', '/v1/conversions', { query: params });
  }

  retrieveConversion(id: string): Promise<ReferralConversion> {
    return this.request('GET', `/v1/conversions/${encodeURIComponent(id)}`);
  }

  listCommissions(params?: ReferralQuery): Promise<ReferralList<ReferralCommission>> {
    return this.request('GET', '/v1/commissions', { query: params });
  }

  retrieveCommission(id: string): Promise<ReferralCommission> {
    return this.request('GET', `/v1/commissions/${encodeURIComponent(id)}`);
  }

  retrieveProgram(id: string): Promise<ReferralProgram> {
    return this.request('GET', `/v1/programs/${encodeURIComponent(id)}`);
  }

  listPartners(params?: ReferralQuery): Promise<ReferralList<ReferralPartner>> {
    return this.request('GET', '/v1/partners', { query: params });
  }

  createWebhookEndpoint(params: {
    url: string;
    enabled_events: string[];
    metadata?: Record<string, string>;
  }): Promise<ReferralWebhookEndpoint & { secret: string }> {
    return this.request('POST', '/v1/webhook_endpoints', { body: params });
  }

  async deleteWebhookEndpoint(id: string): Promise<void> {
    await this.request('DELETE', `/v1/webhook_endpoints/${encodeURIComponent(id)}`);
  }

  listWebhookEndpoints(params?: ReferralQuery): Promise<ReferralList<ReferralWebhookEndpoint>> {
    return this.request('GET', '/v1/webhook_endpoints', { query: params });
  }

  pingWebhookEndpoint(id: string): Promise<ReferralPing> {
    return this.request('POST', `/v1/webhook_endpoints/${encodeURIComponent(id)}/ping`);
  }

  listDeliveries(params?: ReferralQuery): Promise<ReferralList<ReferralDelivery>> {
    return this.request('GET', '/v1/deliveries', { query: params });
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options: { query?: ReferralQuery; body?: unknown } = {},
  ): Promise<T> {
    const url = new URL(`${this.apiBase}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.append(key, String(value));
    const headers: Record<string, string> = { authorization: `Bearer ${this.secretKey}`, accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    // One key per logical call, the same on every retry: the platform replays the first answer instead of creating again.
    if (method === 'POST') headers['idempotency-key'] = `harness-${randomUUID()}`;
    const init: RequestInit = { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) };

    // Whether an earlier attempt may have run at the platform (its answer was lost or was a 5xx).
    let mayHaveRun = false;
    const zone = referralZoneFor(method, path);
    // Conversions are limited per secret key, the general API per IP (one per process), clicks per publishable key.
    const budgetKey = zone === 'referralConversions' ? this.secretKey : zone === 'referralGeneral' ? 'ip' : 'publishable';
    for (let retry = 0; ; retry++) {
      const canRetry = retry < this.retry.maxRetries;
      const at = await this.budgets.take(zone, budgetKey);
      const answer = await exchange(url, init);
      this.budgets.answered(zone, at, 'failure' in answer ? null : answer.status);
      if ('failure' in answer) {
        if (!canRetry) throw connectionError(url, answer.failure, retry + 1);
        mayHaveRun = true;
        await sleep(waitBeforeRetryMs(this.retry, retry + 1));
        continue;
      }
      if (isRetryableStatus(answer.status) && canRetry) {
        mayHaveRun ||= answer.status >= 500;
        await sleep(waitBeforeRetryMs(this.retry, retry + 1, answer));
        continue;
      }
      // A DELETE retried after a lost answer finds the object gone: the earlier attempt deleted it.
      if (method === 'DELETE' && answer.status === 404 && mayHaveRun) return undefined as T;
      const body = parseJson(answer.text);
      if (answer.status < 200 || answer.status >= 300) throw toApiError(answer.status, method, path, body, answer.text);
      // A web page (a login page, a single-page app's fallback) where the API should be: no caller can use it.
      if (body === undefined && (answer.text.trim() !== '' || method !== 'DELETE')) throw notJsonError(url, method, path, answer);
      return body as T;
    }
  }
}

interface Answer {
  status: number;
  retryAfter: string | null;
  contentType: string | null;
  text: string;
}

/** One HTTP exchange: the whole answer, or why there is none (no connection, or the answer was cut off). */
async function exchange(url: URL, init: RequestInit): Promise<Answer | { failure: unknown }> {
  try {
    const response = await fetch(url, init);
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      contentType: response.headers.get('content-type'),
      text: await response.text(),
    };
  } catch (failure) {
    return { failure };
  }
}

function connectionError(url: URL, error: unknown, attempts: number): ReferralApiError {
  const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  const tries = attempts > 1 ? ` (${attempts} attempts)` : '';
  return new ReferralApiError(
    0,
    'connection_error',
    redactText(`Could not reach the referral platform at ${url.origin}: ${cause}${tries}.`),
    {
      cause: error,
    },
  );
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A success status whose body is not JSON (an HTML page, nothing at all): REFERRAL_API_BASE points at a website
 * or at the wrong path. One line naming what came back and what to check.
 */
function notJsonError(url: URL, method: string, path: string, answer: Answer): ReferralApiError {
  return new ReferralApiError(
    answer.status,
    'invalid_response',
    redactText(
      `The referral platform at ${url.origin} answered ${method} ${path} with ${describeBody(answer)}, not JSON: ` +
        "check REFERRAL_API_BASE (it must be the platform's API base URL, not a web page).",
    ),
  );
}

/** "text/html", "an empty body", "application/json that does not parse"… */
function describeBody(answer: Answer): string {
  if (answer.text.trim() === '') return 'an empty body';
  const type = answer.contentType?.split(';')[0]?.trim().toLowerCase();
  if (!type) return 'a body without a content type';
  return type.includes('json') ? `${type} that does not parse` : type;
}

function toApiError(status: number, method: string, path: string, body: unknown, text: string): ReferralApiError {
  const error = (body as { error?: Record<string, unknown> } | undefined)?.error;
  if (error && typeof error === 'object') {
    const type = typeof error.type === 'string' ? error.type : 'api_error';
    const message = typeof error.message === 'string' ? error.message : `${method} ${path} failed with ${status}.`;
    return new ReferralApiError(status, type, redactText(message), {
      ...(typeof error.code === 'string' ? { code: error.code } : {}),
      ...(typeof error.param === 'string' ? { param: error.param } : {}),
    });
  }
  const excerpt = text.trim().slice(0, 200);
  return new ReferralApiError(status, 'api_error', redactText(`${method} ${path} failed with ${status}${excerpt ? `: ${excerpt}` : ''}.`));
}
