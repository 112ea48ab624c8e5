import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { RewardfulContext } from '../context';
import { RewardfulApiError } from '../apiError';
import { liveReferral } from '../stripe/attribution';
import { renderReferral } from '../render';
import { isoInDays, isoNow, newUuid } from '../ids';
import type { ReferralRecord } from '../records';

export const SCRIPT_PATH = '/rw.js';
/** Sandbox-only: the real script's calls are not documented (see rw.js). */
export const VISIT_PATH = '/_sandbox/rw/referrals';

interface VisitBody {
  key?: unknown;
  token?: unknown;
  referral?: unknown;
  url?: unknown;
}

/**
 * GET /rw.js (the script) and POST /_sandbox/rw/referrals (a visit). A visit through an affiliate link is a referral in
 * state `visitor` ("A referral represents a unique visitor that arrived on your website through an affiliate link":
 * https://developers.rewardful.com/rest-api/referrals/object), counted in `visits`; it expires after the campaign's
 * `days_before_referrals_expire`. guess: the same browser back through the same link is the same referral (one more
 * visit); another affiliate's link makes a new referral (last click). Sends referral.created
 * (https://developers.rewardful.com/webhooks/event-types).
 */
export function registerTrackingRoutes(app: FastifyInstance, context: RewardfulContext): void {
  const source = readFileSync(new URL('../rw.js', import.meta.url), 'utf8');
  app.get(SCRIPT_PATH, async (_request, reply) => {
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache');
    return source;
  });

  app.post<{ Body: VisitBody | undefined }>(VISIT_PATH, async (request) => {
    const body = request.body ?? {};
    // A wrong data-rewardful key tracks nothing (the go-live bug of a snippet with another account's key).
    if (body.key !== context.publishableKey) throw new RewardfulApiError(401, 'Invalid API key.');
    const { store } = context;
    const known = liveReferral(context, typeof body.referral === 'string' ? body.referral : null);
    const link = typeof body.token === 'string' ? store.linkByToken(body.token) : undefined;
    if (typeof body.token === 'string' && body.token !== '' && !link)
      throw new RewardfulApiError(404, `Affiliate link not found: ${body.token}`);

    let referral: ReferralRecord | undefined = known && (!link || known.link_id === link.id) ? known : undefined;
    if (referral) {
      referral.visits += 1;
      referral.updated_at = isoNow();
    } else if (link) {
      const affiliate = store.affiliates.get(link.affiliate_id);
      const campaign = store.campaigns.get(affiliate?.campaign_id ?? '') ?? store.defaultCampaign();
      const now = isoNow();
      referral = {
        id: newUuid(),
        link_id: link.id,
        affiliate_id: link.affiliate_id,
        visits: 1,
        landing_url: typeof body.url === 'string' ? body.url : '',
        customer: null,
        stripe_customer_id: null,
        conversion_state: 'visitor',
        became_lead_at: null,
        became_conversion_at: null,
        deactivated_at: null,
        created_at: now,
        expires_at: isoInDays(campaign.days_before_referrals_expire),
        updated_at: now,
      };
      store.referrals.set(referral.id, referral);
      context.sender.publish('referral.created', renderReferral(store, referral));
    } else {
      throw new RewardfulApiError(404, 'Referral not found.');
    }
    const affiliate = store.affiliates.get(referral.affiliate_id);
    const campaign = store.campaigns.get(affiliate?.campaign_id ?? '');
    const token = store.links.get(referral.link_id)?.token ?? null;
    return {
      referral: { id: referral.id, created_at: referral.created_at, expires_at: referral.expires_at },
      affiliate: affiliate ? { id: affiliate.id, name: `${affiliate.first_name} ${affiliate.last_name}`, token } : null,
      campaign: campaign ? { id: campaign.id, name: campaign.name } : null,
    };
  });
}
