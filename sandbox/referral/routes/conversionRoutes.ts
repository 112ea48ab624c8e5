import type { FastifyInstance } from 'fastify';
import type { ParsedQuery, ReferralContext } from '../context';
import type { PlatformPartner } from '../platformObjects';
import { missingResource } from '../apiError';
import { listPage } from '../listQuery';
import { recordReportedSale } from '../reportedSales';

function isPartner(partner: PlatformPartner | undefined, partnerId: string): boolean {
  return partner?.id === partnerId;
}

/**
 * The secret API's conversions and commissions: read from provider events, or reported by the merchant's server
 * (`POST /v1/conversions`: 201 when created, 200 with the conversion already recorded for that payment intent).
 */
export function registerConversionRoutes(app: FastifyInstance, context: ReferralContext): void {
  const { store, guards } = context;
  const secret = { preHandler: guards.requireSecretKey };
  const partnerMatches = (partnerId: string, value: string) => isPartner(store.partnerByKeyOrId(value), partnerId);

  app.post('/v1/conversions', secret, async (request, reply) => {
    const { created, conversion } = recordReportedSale(context, request.body);
    reply.code(created ? 201 : 200);
    return conversion;
  });

  app.get<{ Querystring: ParsedQuery }>('/v1/conversions', secret, async (request) =>
    listPage(store.conversions.values(), request.query, {
      url: '/v1/conversions',
      filters: {
        click: (conversion, value) => conversion.click === value,
        partner: (conversion, value) => partnerMatches(conversion.partner, value),
        source_id: (conversion, value) => conversion.source.id === value,
        payment_intent: (conversion, value) => conversion.payment_intent === value,
        subscription: (conversion, value) => conversion.subscription === value,
      },
    }),
  );

  app.get<{ Params: { id: string } }>('/v1/conversions/:id', secret, async (request) => {
    const conversion = store.conversions.get(request.params.id);
    if (!conversion) throw missingResource('conversion', request.params.id);
    return conversion;
  });

  app.get<{ Querystring: ParsedQuery }>('/v1/commissions', secret, async (request) =>
    listPage(store.commissions.values(), request.query, {
      url: '/v1/commissions',
      filters: {
        conversion: (commission, value) => commission.conversion === value,
        partner: (commission, value) => partnerMatches(commission.partner, value),
        status: (commission, value) => commission.status === value,
        subscription: (commission, value) => store.conversions.get(commission.conversion)?.subscription === value,
      },
    }),
  );

  app.get<{ Params: { id: string } }>('/v1/commissions/:id', secret, async (request) => {
    const commission = store.commissions.get(request.params.id);
    if (!commission) throw missingResource('commission', request.params.id);
    return commission;
  });
}
