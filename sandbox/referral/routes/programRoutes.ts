import type { FastifyInstance } from 'fastify';
import type { ParsedQuery, ReferralContext } from '../context';
import { missingResource } from '../apiError';
import { listPage } from '../listQuery';

/** The secret API's programs and partners (seeded at start-up, read-only). */
export function registerProgramRoutes(app: FastifyInstance, { store, guards }: ReferralContext): void {
  const secret = { preHandler: guards.requireSecretKey };

  app.get<{ Querystring: ParsedQuery }>('/v1/programs', secret, async (request) =>
    listPage(store.programs.values(), request.query, { url: '/v1/programs' }),
  );

  app.get<{ Params: { id: string } }>('/v1/programs/:id', secret, async (request) => {
    const program = store.programs.get(request.params.id);
    if (!program) throw missingResource('program', request.params.id);
    return program;
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
