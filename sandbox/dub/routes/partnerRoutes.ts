import type { FastifyInstance } from 'fastify';
import type { DubContext, Query } from '../context';
import type { DubLink, DubPartner } from '../objects';
import { DubApiError, unprocessable } from '../apiError';
import { dubId, nanoid } from '../ids';
import { pageOf } from '../listing';
import { apiLink, apiPartner } from '../representations';

/**
 * Partners of the workspace's program (https://dub.co/docs/api-reference/partners; SRC zod/schemas/partners.ts).
 * GET /partners filters by `email`, `tenantId` (takes precedence), `status`, paged by `page`/`pageSize`;
 * POST /partners enrolls one (`email` required; `username` becomes its link key); GET /partners/links lists one
 * partner's links by `partnerId` or `tenantId`.
 */
export function registerPartnerRoutes(app: FastifyInstance, context: DubContext): void {
  const { store, guards } = context;

  app.get('/partners', { preHandler: guards.requireApiKey }, async (request) => {
    const query = request.query as Query;
    const partners = [...store.partners.values()].filter((partner) =>
      query.tenantId !== undefined
        ? partner.tenantId === query.tenantId
        : (query.email === undefined || partner.email === query.email) && (query.status === undefined || partner.status === query.status),
    );
    return pageOf(partners, query).map((partner) => apiPartner(store, partner));
  });

  app.post('/partners', { preHandler: guards.requireApiKey }, async (request) => {
    const body = (request.body ?? {}) as { email?: string; name?: string; username?: string; tenantId?: string; country?: string };
    if (!body.email) throw unprocessable('email: Required');
    const existing = [...store.partners.values()].find(
      (p) => p.email === body.email || (body.tenantId !== undefined && p.tenantId === body.tenantId),
    );
    if (existing) return apiPartner(store, existing); // guess: enrolling an enrolled partner returns it (Dub upserts the enrollment).
    const key = body.username ?? nanoid(7).toLowerCase();
    if ([...store.links.values()].some((link) => link.key === key))
      throw new DubApiError('conflict', `The username ${key} is already in use.`);
    const now = new Date().toISOString();
    const partner: DubPartner = {
      id: dubId('pn_'),
      name: body.name ?? body.email,
      email: body.email,
      image: null,
      country: body.country ?? null,
      tenantId: body.tenantId ?? null,
      programId: store.program.id,
      groupId: store.program.defaultGroupId,
      status: 'approved',
      createdAt: now,
    };
    const link: DubLink = {
      id: dubId('link_'),
      domain: store.program.domain,
      key,
      url: [...store.links.values()][0]?.url ?? 'https://example.com',
      shortLink: `https://${store.program.domain}/${key}`,
      programId: store.program.id,
      partnerId: partner.id,
      tenantId: partner.tenantId,
      externalId: null,
      createdAt: now,
    };
    store.partners.set(partner.id, partner);
    store.links.set(link.id, link);
    return apiPartner(store, partner);
  });

  app.get('/partners/links', { preHandler: guards.requireApiKey }, async (request) => {
    const query = request.query as Query;
    if (!query.partnerId && !query.tenantId) throw new DubApiError('bad_request', 'You must provide a partnerId or tenantId.');
    const partner = query.partnerId
      ? store.partners.get(query.partnerId)
      : [...store.partners.values()].find((p) => p.tenantId === query.tenantId);
    if (!partner) throw new DubApiError('not_found', 'Partner not found.');
    return [...store.links.values()].filter((link) => link.partnerId === partner.id).map(apiLink);
  });
}
