// Hand-written on fetch: this is our own referral platform's API and no SDK for it exists.
import { redactText } from '../evidence/redact';
import { ReferralApiError } from './referralApiError';
import type {
  ReferralClick,
  ReferralCommission,
  ReferralConversion,
  ReferralDelivery,
  ReferralList,
  ReferralPartner,
  ReferralProgram,
  ReferralWebhookEndpoint,
} from './types';

export { ReferralApiError } from './referralApiError';

/** Query parameters as the API spells them, bracket keys included: `{ 'metadata[utm_campaign]': runId }`. */
export type ReferralQuery = Record<string, string | number>;

export class ReferralClient {
  private readonly apiBase: string;
  private readonly secretKey: string;

  constructor(options: { apiBase: string; secretKey: string }) {
    this.apiBase = options.apiBase.replace(/\/+$/, '');
    this.secretKey = options.secretKey;
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

  listDeliveries(params?: ReferralQuery): Promise<ReferralList<ReferralDelivery>> {
    return this.request('GET', '/v1/deliveries', { query: params });
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options: { query?: ReferralQuery; body?: unknown } = {},
  ): Promise<T> {
    const url = new URL(`${this.apiBase}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.append(key, String(value));
    const headers: Record<string, string> = { authorization: `Bearer ${this.secretKey}`, accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';

    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
    } catch (error) {
      const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new ReferralApiError(0, 'connection_error', redactText(`Could not reach the referral platform at ${url.origin}: ${cause}.`), {
        cause: error,
      });
    }

    const text = await response.text();
    const body = parseJson(text);
    if (!response.ok) throw toApiError(response.status, method, path, body, text);
    return body as T;
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
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
  return new ReferralApiError(
    status,
    'api_error',
    redactText(`${method} ${path} failed with ${status}${excerpt ? `: ${excerpt}` : ''}.`),
  );
}
