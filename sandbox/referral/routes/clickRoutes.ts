import type { FastifyInstance } from 'fastify';
import type { ReferralClick, ReferralMetadata } from '../../../contracts/referral';
import type { ParsedQuery, ReferralContext } from '../context';
import { invalidParam, missingResource } from '../apiError';
import { listPage } from '../listQuery';
import { newId, unixNow } from '../ids';

const SECONDS_PER_DAY = 86_400;

interface ClickBody {
  partner?: unknown;
  landing_url?: unknown;
  referrer?: unknown;
}

function utmParameters(landingUrl: URL): ReferralMetadata {
  const metadata: ReferralMetadata = {};
  for (const [key, value] of landingUrl.searchParams) if (key.startsWith('utm_')) metadata[key] = value;
  return metadata;
}

/** POST /v1/clicks (publishable key, called cross-origin by the snippet) and the secret click list. */
export function registerClickRoutes(app: FastifyInstance, { store, guards }: ReferralContext): void {
  app.post<{ Body: ClickBody | undefined }>('/v1/clicks', { preHandler: guards.requirePublishableKey }, async (request, reply) => {
    const body = request.body ?? {};
    if (typeof body.partner !== 'string' || body.partner === '') {
      throw invalidParam('partner', 'Missing required param: partner.', 'parameter_missing');
    }
    if (typeof body.landing_url !== 'string') {
      throw invalidParam('landing_url', 'Missing required param: landing_url.', 'parameter_missing');
    }
    let landingUrl: URL;
    try {
      landingUrl = new URL(body.landing_url);
    } catch {
      throw invalidParam('landing_url', 'Invalid landing_url: expected an absolute URL.');
    }
    if (body.referrer !== undefined && body.referrer !== null && typeof body.referrer !== 'string') {
      throw invalidParam('referrer', 'Invalid referrer: expected a string or null.');
    }
    const partner = store.partnerByKeyOrId(body.partner);
    if (!partner) throw missingResource('partner', body.partner, 'partner');
    const program = store.programs.get(partner.program);
    if (!program) throw missingResource('program', partner.program, 'partner');

    const created = unixNow();
    const click: ReferralClick = {
      id: newId('clk'),
      object: 'click',
      partner: partner.id,
      partner_key: partner.key,
      program: program.id,
      landing_url: landingUrl.href,
      referrer: body.referrer || null,
      metadata: utmParameters(landingUrl),
      created,
      expires_at: created + program.cookie_window_days * SECONDS_PER_DAY,
    };
    store.clicks.set(click.id, click);
    reply.code(200);
    return click;
  });

  app.get<{ Querystring: ParsedQuery }>('/v1/clicks', { preHandler: guards.requireSecretKey }, async (request) =>
    listPage(store.clicks.values(), request.query, {
      url: '/v1/clicks',
      filters: { partner: (click, value) => click.partner === value || click.partner_key === value },
    }),
  );

  app.get<{ Params: { id: string } }>('/v1/clicks/:id', { preHandler: guards.requireSecretKey }, async (request) => {
    const click = store.clicks.get(request.params.id);
    if (!click) throw missingResource('click', request.params.id);
    return click;
  });
}
