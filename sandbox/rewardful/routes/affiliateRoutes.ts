import type { FastifyInstance } from 'fastify';
import type { RewardfulContext } from '../context';
import { notFound, RewardfulApiError } from '../apiError';
import { expansions, listPage, newestFirst, oneValue } from '../listPage';
import { renderAffiliate } from '../render';
import { isoNow, newUuid } from '../ids';
import type { AffiliateRecord } from '../records';

type Query = Record<string, unknown>;

/** Tokens: "letters, numbers and dashes" (https://developers.rewardful.com/rest-api/affiliate-links/create). */
const TOKEN = /^[A-Za-z0-9-]+$/;

/**
 * GET /v1/affiliates with campaign_id, email, stripe_customer_id filters and expand campaign|links
 * (https://developers.rewardful.com/rest-api/affiliates/list), GET /v1/affiliates/:id
 * (https://developers.rewardful.com/rest-api/affiliates/retrieve), POST /v1/affiliates: first_name, last_name, email
 * required; token, campaign_id optional (github.com/rewardful/rest-api-docs affiliates/README.md, 2020; "Create
 * affiliate" in today's docs). 422 `{"error": "Could not create affiliate.", "details": [...]}` (the docs' PDF export).
 */
export function registerAffiliateRoutes(app: FastifyInstance, context: RewardfulContext): void {
  const { store } = context;

  app.get<{ Querystring: Query }>('/v1/affiliates', async (request) => {
    const query = request.query;
    const email = oneValue(query, 'email');
    const campaignId = oneValue(query, 'campaign_id');
    const customerId = oneValue(query, 'stripe_customer_id');
    const matching = newestFirst(store.affiliates.values()).filter(
      (a) =>
        (email === undefined || a.email.toLowerCase() === email.toLowerCase()) &&
        (campaignId === undefined || a.campaign_id === campaignId) &&
        (customerId === undefined || a.stripe_customer_id === customerId),
    );
    const expand = expansions(query);
    const page = listPage(matching, query);
    return { ...page, data: page.data.map((affiliate) => renderAffiliate(store, affiliate, expand)) };
  });

  app.get<{ Params: { id: string }; Querystring: Query }>('/v1/affiliates/:id', async (request) => {
    const affiliate = store.affiliates.get(request.params.id);
    if (!affiliate) throw notFound('Affiliate', request.params.id);
    return renderAffiliate(store, affiliate, expansions(request.query));
  });

  app.post<{ Body: Record<string, unknown> | undefined }>('/v1/affiliates', async (request) => {
    const body = request.body ?? {};
    const text = (name: string): string => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
    const details: string[] = [];
    if (!text('first_name')) details.push("First name can't be blank");
    if (!text('last_name')) details.push("Last name can't be blank");
    if (!text('email')) details.push("Email can't be blank");
    else if ([...store.affiliates.values()].some((a) => a.email.toLowerCase() === text('email').toLowerCase()))
      details.push('Email has already been taken');
    const token = text('token');
    if (token && !TOKEN.test(token)) details.push('Token may contain only letters, numbers and dashes');
    else if (token && store.linkByToken(token)) details.push('Token has already been taken');
    const campaignId = text('campaign_id') || store.defaultCampaign().id;
    if (!store.campaigns.has(campaignId)) details.push('Campaign not found');
    if (details.length > 0) throw new RewardfulApiError(422, 'Could not create affiliate.', details);

    const now = isoNow();
    const affiliate: AffiliateRecord = {
      id: newUuid(),
      first_name: text('first_name'),
      last_name: text('last_name'),
      email: text('email'),
      paypal_email: text('paypal_email') || null,
      state: 'active',
      confirmed_at: now,
      stripe_customer_id: text('stripe_customer_id') || null,
      stripe_account_id: null,
      receive_new_commission_notifications: text('receive_new_commission_notifications') !== 'false',
      sign_in_count: 0,
      unconfirmed_email: null,
      campaign_id: campaignId,
      created_at: now,
      updated_at: now,
    };
    store.affiliates.set(affiliate.id, affiliate);
    // guess: a blank token gets a generated one, as "Create affiliate link" does ("generated if blank").
    const linkToken = token || `${affiliate.first_name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${affiliate.id.slice(0, 4)}`;
    const linkId = newUuid();
    store.links.set(linkId, { id: linkId, affiliate_id: affiliate.id, token: linkToken, created_at: now, updated_at: now });
    context.sender.publish('affiliate.created', renderAffiliate(store, affiliate));
    return renderAffiliate(store, affiliate);
  });
}
