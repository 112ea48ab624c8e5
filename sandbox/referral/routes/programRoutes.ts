import type { FastifyInstance } from 'fastify';
import type { ParsedQuery, ReferralContext } from '../context';
import { invalidParam, missingResource } from '../apiError';

/** `max_duration_months`: null (JSON null or an empty form value) or a whole number of months ≥ 0. */
function maxDurationMonths(value: unknown): number | null {
  if (value === null || value === '') return null;
  const months = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof months !== 'number' || !Number.isInteger(months) || months < 0 || months > 1200) {
    throw invalidParam(
      'max_duration_months',
      'Invalid max_duration_months: expected null (forever), 0 (first payment only) or a number of months.',
    );
  }
  return months;
}
import { listPage } from '../listQuery';
import { effectiveProgram } from '../programFaults';

/** The secret API's programs and partners (seeded at start-up, read-only). */
export function registerProgramRoutes(app: FastifyInstance, { store, guards, faults }: ReferralContext): void {
  const secret = { preHandler: guards.requireSecretKey };

  app.get<{ Querystring: ParsedQuery }>('/v1/programs', secret, async (request) =>
    listPage(
      [...store.programs.values()].map((program) => effectiveProgram(program, faults)),
      request.query,
      { url: '/v1/programs' },
    ),
  );

  app.get<{ Params: { id: string } }>('/v1/programs/:id', secret, async (request) => {
    const program = store.programs.get(request.params.id);
    if (!program) throw missingResource('program', request.params.id);
    return effectiveProgram(program, faults);
  });

  // Program settings a merchant edits; only the recurring-commission duration for now.
  app.post<{ Params: { id: string }; Body: Record<string, unknown> | undefined }>('/v1/programs/:id', secret, async (request) => {
    const program = store.programs.get(request.params.id);
    if (!program) throw missingResource('program', request.params.id);
    const body = request.body ?? {};
    for (const param of Object.keys(body)) {
      if (param !== 'max_duration_months') throw invalidParam(param, `Received unknown parameter: ${param}`, 'parameter_unknown');
    }
    if ('max_duration_months' in body) program.max_duration_months = maxDurationMonths(body.max_duration_months);
    return effectiveProgram(program, faults);
  });

  app.get<{ Querystring: ParsedQuery }>('/v1/partners', secret, async (request) =>
    listPage(store.partners.values(), request.query, {
      url: '/v1/partners',
      filters: {
        program: (partner, value) => partner.program === value,
        key: (partner, value) => partner.key === value,
      },
    }),
  );

  app.get<{ Params: { id: string } }>('/v1/partners/:id', secret, async (request) => {
    const partner = store.partnerByKeyOrId(request.params.id);
    if (!partner) throw missingResource('partner', request.params.id);
    return partner;
  });
}
