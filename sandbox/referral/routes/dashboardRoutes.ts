import type { FastifyInstance } from 'fastify';
import type { ReferralContext } from '../context';
import type { CommissionRule } from '../../../contracts/referral';
import type { PlatformPartner, PlatformProgram } from '../platformObjects';
import { ApiError, invalidParam } from '../apiError';
import { unixNow } from '../ids';

/** Ids, partner keys and currencies as the platform's seed data writes them. */
const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/i;

function text(body: Record<string, unknown>, param: string, pattern?: RegExp): string {
  const value = body[param];
  if (typeof value !== 'string' || value.trim() === '')
    throw new ApiError(400, 'invalid_request_error', 'parameter_missing', `Missing required param: ${param}.`, param);
  if (pattern && !pattern.test(value)) throw invalidParam(param, `Invalid ${param}: ${value}.`);
  return value;
}

/** `{ type: 'percentage', percentage }` (0 < p ≤ 100) or `{ type: 'flat', amount }` (a whole number of minor units). */
function ruleParam(value: unknown): CommissionRule {
  const rule = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const number = (field: string) => (typeof rule[field] === 'string' ? Number(rule[field]) : rule[field]);
  const percentage = number('percentage');
  if (rule.type === 'percentage' && typeof percentage === 'number' && percentage > 0 && percentage <= 100)
    return { type: 'percentage', percentage };
  const amount = number('amount');
  if (rule.type === 'flat' && typeof amount === 'number' && Number.isSafeInteger(amount) && amount > 0) return { type: 'flat', amount };
  throw invalidParam(
    'rule',
    'Invalid rule: expected { type: "percentage", percentage } (0-100] or { type: "flat", amount } in minor units.',
  );
}

function alreadyExists(kind: string, id: string): ApiError {
  return new ApiError(
    400,
    'invalid_request_error',
    'resource_already_exists',
    `A ${kind} ${id} already exists.`,
    kind === 'partner' ? 'key' : 'id',
  );
}

/**
 * Sandbox-only: what a merchant does in the referral platform's dashboard before going live, as API calls (Bearer
 * `sk_…`, JSON or form): create a programme (`POST /_sandbox/programs` `{ id, name?, rule, currency }`) and add a
 * partner to it (`POST /_sandbox/partners` `{ key, name?, program }`). Both answer 200 with the new object; an id
 * or key already taken → 400 `resource_already_exists` (nothing is changed: read it with `GET /v1/programs/:id` or
 * `GET /v1/partners/:key`). `npm run sandbox:seed` uses them.
 */
export function registerDashboardRoutes(app: FastifyInstance, { store, guards }: ReferralContext): void {
  const secret = { preHandler: guards.requireSecretKey };

  app.post<{ Body: Record<string, unknown> | undefined }>('/_sandbox/programs', secret, async (request) => {
    const body = request.body ?? {};
    const id = text(body, 'id', ID_PATTERN);
    const rule = ruleParam(body.rule);
    const currency = text(body, 'currency', /^[a-z]{3}$/i).toLowerCase();
    const name = typeof body.name === 'string' && body.name.trim() ? body.name.trim() : id;
    if (store.programs.has(id)) throw alreadyExists('program', id);
    const program: PlatformProgram = {
      id,
      object: 'program',
      name,
      rule,
      currency,
      hold_days: 30,
      cookie_window_days: 90,
      attribution: 'last_click',
      max_duration_months: null,
      created: unixNow(),
    };
    store.programs.set(id, program);
    return program;
  });

  app.post<{ Body: Record<string, unknown> | undefined }>('/_sandbox/partners', secret, async (request) => {
    const body = request.body ?? {};
    const key = text(body, 'key', ID_PATTERN);
    const programId = text(body, 'program');
    if (!store.programs.has(programId))
      throw new ApiError(404, 'invalid_request_error', 'resource_missing', `No such program: '${programId}'`, 'program');
    if (store.partnerByKeyOrId(key) || store.partners.has(`ptn_${key}`)) throw alreadyExists('partner', key);
    const name = typeof body.name === 'string' && body.name.trim() ? body.name.trim() : key;
    const partner: PlatformPartner = {
      id: `ptn_${key}`,
      object: 'partner',
      key,
      name,
      program: programId,
      status: 'approved',
      metadata: {},
      created: unixNow(),
    };
    store.partners.set(partner.id, partner);
    return partner;
  });
}
