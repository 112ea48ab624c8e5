import {
  API_FAULT_KINDS,
  type ApiFaultKind,
  type ApiFaultPlan,
  type InjectionPlan,
  type WebhookFaultPlan,
} from '../../../contracts/faultPlan';
import { invalidRequest, type ProviderApiError } from '../core/errors';

/** Longest wait before a first webhook delivery attempt. */
export const MAX_WEBHOOK_DELAY_MS = 30_000;

const PLAN_KEYS = ['webhooks', 'api'];
const WEBHOOK_KEYS = ['endpoint', 'duplicate', 'reorder', 'delayMs', 'failFirst'];
const API_KEYS = ['rate', 'kinds', 'retryAfterSeconds', 'seed', 'methods', 'appName'];
const METHODS = ['GET', 'POST', 'DELETE'];

/**
 * Checks a plan as JSON gives it and returns it typed; a wrong field is a Stripe-style 400
 * (`invalid_request_error`, `param` = the field's path, e.g. `api.rate`).
 */
export function validateInjectionPlan(value: unknown): InjectionPlan {
  const plan = objectAt(value, 'plan', PLAN_KEYS, '');
  const result: InjectionPlan = {};
  if (plan.webhooks !== undefined) result.webhooks = validateWebhooks(plan.webhooks);
  if (plan.api !== undefined) result.api = validateApi(plan.api);
  return result;
}

function validateWebhooks(value: unknown): WebhookFaultPlan {
  const webhooks = objectAt(value, 'webhooks', WEBHOOK_KEYS, 'webhooks.');
  const result: WebhookFaultPlan = {};
  if (webhooks.endpoint !== undefined) {
    if (typeof webhooks.endpoint !== 'string' || (webhooks.endpoint !== '*' && !webhooks.endpoint.startsWith('we_'))) {
      throw invalid('webhooks.endpoint', "must be a webhook endpoint id ('we_…') or '*'");
    }
    result.endpoint = webhooks.endpoint;
  }
  for (const name of ['duplicate', 'reorder'] as const) {
    if (webhooks[name] === undefined) continue;
    if (typeof webhooks[name] !== 'boolean') throw invalid(`webhooks.${name}`, 'must be true or false');
    result[name] = webhooks[name];
  }
  if (webhooks.delayMs !== undefined) result.delayMs = integerIn(webhooks.delayMs, 'webhooks.delayMs', 0, MAX_WEBHOOK_DELAY_MS);
  if (webhooks.failFirst !== undefined) result.failFirst = integerIn(webhooks.failFirst, 'webhooks.failFirst', 0, 100);
  return result;
}

function validateApi(value: unknown): ApiFaultPlan {
  const api = objectAt(value, 'api', API_KEYS, 'api.');
  if (api.rate === undefined) throw missing('api.rate');
  if (typeof api.rate !== 'number' || !Number.isFinite(api.rate) || api.rate < 0 || api.rate > 1) {
    throw invalid('api.rate', 'must be a number from 0 to 1');
  }
  if (api.kinds === undefined) throw missing('api.kinds');
  const kinds = api.kinds;
  if (!Array.isArray(kinds) || kinds.length === 0 || !kinds.every((kind) => (API_FAULT_KINDS as readonly unknown[]).includes(kind))) {
    throw invalid('api.kinds', `must be a non-empty list of ${API_FAULT_KINDS.map((k) => `'${k}'`).join(', ')}`);
  }
  const result: ApiFaultPlan = { rate: api.rate, kinds: [...new Set(kinds as ApiFaultKind[])] };
  if (api.retryAfterSeconds !== undefined) result.retryAfterSeconds = integerIn(api.retryAfterSeconds, 'api.retryAfterSeconds', 0, 60);
  if (api.seed !== undefined) result.seed = integerIn(api.seed, 'api.seed', -(2 ** 31), 2 ** 32 - 1);
  if (api.methods !== undefined) {
    const methods = api.methods;
    if (
      !Array.isArray(methods) ||
      methods.length === 0 ||
      !methods.every((m) => typeof m === 'string' && METHODS.includes(m.toUpperCase()))
    ) {
      throw invalid('api.methods', `must be a non-empty list of ${METHODS.join(', ')}`);
    }
    result.methods = [...new Set((methods as string[]).map((m) => m.toUpperCase()))];
  }
  if (api.appName !== undefined) {
    if (typeof api.appName !== 'string' || api.appName.trim() === '') throw invalid('api.appName', 'must be a non-empty string');
    result.appName = api.appName;
  }
  return result;
}

function objectAt(value: unknown, name: string, known: string[], prefix: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest(`Invalid ${name}: expected a JSON object.`, {
      param: prefix === '' ? undefined : name,
      code: 'parameter_invalid',
    });
  }
  for (const key of Object.keys(value)) {
    if (!known.includes(key))
      throw invalidRequest(`Received unknown parameter: ${prefix}${key}`, { param: `${prefix}${key}`, code: 'parameter_unknown' });
  }
  return value as Record<string, unknown>;
}

function integerIn(value: unknown, param: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(param, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

function invalid(param: string, rule: string): ProviderApiError {
  return invalidRequest(`Invalid ${param}: ${rule}.`, { param, code: 'parameter_invalid' });
}

function missing(param: string): ProviderApiError {
  return invalidRequest(`Missing required param: ${param}.`, { param, code: 'parameter_missing' });
}
