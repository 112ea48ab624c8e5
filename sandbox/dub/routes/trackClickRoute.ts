import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DubContext } from '../context';
import { DubApiError, notFound, unprocessable } from '../apiError';
import { recordClick } from '../conversions';
import { hasDubFault } from '../faults';
import { PRODUCTION_ONLY_HOSTNAMES } from '../settings';

/** CORS as Dub answers the tracking routes (SRC apps/web/lib/api/cors.ts COMMON_CORS_HEADERS). */
export const TRACKING_CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Authorization',
};

/** The page's host from Referer, else Origin, without `www.` (SRC lib/analytics/verify-analytics-allowed-hostnames.ts). */
function requestHostname(request: FastifyRequest): string | null {
  const source = request.headers.referer ?? request.headers.origin;
  if (!source) return null;
  try {
    return new URL(source).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** Exact host, or `*.domain` for proper subdomains; an empty list allows all (same source). */
function hostnameAllowed(allowed: string[], hostname: string | null): boolean {
  if (allowed.length === 0) return true;
  if (!hostname) return false;
  if (allowed.includes(hostname)) return true;
  return allowed.filter((entry) => entry.startsWith('*.')).some((entry) => hostname.endsWith(`.${entry.slice(2)}`));
}

/**
 * POST /track/click: what the analytics script calls on `?via=<key>` (SRC app/(ee)/api/track/click/route.ts;
 * https://dub.co/docs/sdks/client-side/features/click-tracking). No key: the script sends none; the page's host must be
 * in the workspace's Allowed Hostnames, else 403 forbidden and no click. `{ domain, key, url?, referrer? }` →
 * `{ clickId, partner: { id, name, image, groupId, tenantId }, discount }` for a partner's link.
 * guess: Dub reuses a visitor's click id (same IP and user agent) for a while (record-click-cache.ts); every
 * rehearsal's browser shares one IP and user agent, so the emulation records every click anew.
 */
export function registerTrackClickRoute(app: FastifyInstance, context: DubContext): void {
  app.options('/track/click', async (_request, reply) => reply.code(204).headers(TRACKING_CORS_HEADERS).send());
  app.post('/track/click', async (request, reply) => {
    void reply.headers(TRACKING_CORS_HEADERS);
    const body = (request.body ?? {}) as { domain?: unknown; key?: unknown; url?: unknown; referrer?: unknown };
    if (typeof body.domain !== 'string') throw unprocessable('domain: domain is required.');
    if (typeof body.key !== 'string') throw unprocessable('key: key is required.');
    const link = context.store.linkByDomainAndKey(body.domain, body.key);
    if (!link) throw notFound(`Link not found for domain: ${body.domain} and key: ${body.key}.`);

    const allowed = hasDubFault(context.faults, 'dub.hostname-not-allowed') ? PRODUCTION_ONLY_HOSTNAMES : context.settings.allowedHostnames;
    const hostname = requestHostname(request);
    if (!hostnameAllowed(allowed, hostname)) {
      throw new DubApiError(
        'forbidden',
        `Request origin '${hostname}' is not included in the allowed hostnames for this workspace. Update your allowed hostnames here: https://app.dub.co/settings/analytics`,
      );
    }
    const url = typeof body.url === 'string' && URL.canParse(body.url) ? body.url : link.url;
    const click = recordClick(context.store, link, {
      url,
      referrer: typeof body.referrer === 'string' ? body.referrer : null,
      ip: request.ip,
      ua: request.headers['user-agent'] ?? '',
    });
    const partner = context.store.partners.get(link.partnerId);
    return {
      clickId: click.id,
      partner: partner
        ? { id: partner.id, name: partner.name, image: partner.image, groupId: partner.groupId, tenantId: partner.tenantId }
        : null,
      discount: null,
    };
  });
}
