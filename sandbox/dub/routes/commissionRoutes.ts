import type { FastifyInstance } from 'fastify';
import type { DubContext, Query } from '../context';
import { DUB_COMMISSION_STATUSES, type DubCommissionStatus } from '../objects';
import { DubApiError, notFound, unprocessable } from '../apiError';
import { cursorPageOf } from '../listing';
import { apiCommission } from '../representations';

/** What PATCH may set (SRC zod/schemas/commissions.ts commissionPatchStatusSchema). */
const PATCHABLE_STATUSES = ['pending', 'refunded', 'duplicate', 'canceled', 'fraud'] as const;

/**
 * GET /commissions (https://dub.co/docs/api-reference/commissions/list; SRC getCommissionsQuerySchema): filters
 * `type`, `customerId`, `partnerId` (wins over `tenantId`), `tenantId`, `invoiceId`, `status`; newest first
 * (`sortBy=createdAt`, `sortOrder=desc`); cursor `startingAfter`/`endingBefore`, `pageSize` ≤ 100.
 * PATCH /commissions/:id (https://dub.co/docs/api-reference/commissions/update): `status` ∈ pending | refunded |
 * duplicate | canceled | fraud, `amount`, `earnings`; a paid commission cannot be updated
 * (https://dub.co/help/article/partner-commissions). No refund event is sent: Dub has none.
 */
export function registerCommissionRoutes(app: FastifyInstance, context: DubContext): void {
  const { store, guards } = context;

  app.get('/commissions', { preHandler: guards.requireApiKey }, async (request) => {
    const query = request.query as Query;
    if (query.status !== undefined && !(DUB_COMMISSION_STATUSES as readonly string[]).includes(query.status)) {
      throw unprocessable(`status: Invalid enum value '${query.status}'.`);
    }
    const tenantPartner =
      query.tenantId !== undefined ? [...store.partners.values()].find((p) => p.tenantId === query.tenantId)?.id : undefined;
    const partnerId = query.partnerId ?? (query.tenantId !== undefined ? (tenantPartner ?? '∅') : undefined);
    const commissions = [...store.commissions.values()]
      .filter(
        (c) =>
          (query.type === undefined || query.type.split(',').includes(c.type)) &&
          (query.customerId === undefined || c.customerId === query.customerId) &&
          (partnerId === undefined || c.partnerId === partnerId) &&
          (query.invoiceId === undefined || c.invoiceId === query.invoiceId) &&
          (query.status === undefined || c.status === query.status),
      )
      .reverse();
    const ordered = query.sortOrder === 'asc' ? [...commissions].reverse() : commissions;
    return cursorPageOf(ordered, query).map((c) => apiCommission(store, c));
  });

  app.patch('/commissions/:id', { preHandler: guards.requireApiKey }, async (request) => {
    const { id } = request.params as { id: string };
    const commission = store.commissions.get(id);
    if (!commission) throw notFound(`Commission ${id} not found.`);
    const body = (request.body ?? {}) as { status?: string; amount?: number; earnings?: number };
    if (body.status !== undefined && !(PATCHABLE_STATUSES as readonly string[]).includes(body.status)) {
      throw unprocessable(
        `status: Invalid enum value. Expected ${PATCHABLE_STATUSES.map((s) => `'${s}'`).join(' | ')}, received '${body.status}'`,
      );
    }
    // guess: the message; the rule is documented.
    if (commission.status === 'paid') throw new DubApiError('bad_request', `Commission ${id} has already been paid and cannot be updated.`);
    if (body.status !== undefined) commission.status = body.status as DubCommissionStatus;
    if (body.amount !== undefined) commission.amount = body.amount;
    if (body.earnings !== undefined) commission.earnings = body.earnings;
    commission.updatedAt = new Date().toISOString();
    return apiCommission(store, commission);
  });
}
