/** The referral platform's events the shop keeps its partner-commission ledger from. */
export const SHOP_REFERRAL_WEBHOOK_EVENTS = ['conversion.created', 'commission.created', 'commission.refunded'] as const;

/**
 * The same from Rewardful, in its event names (https://developers.rewardful.com/webhooks/event-types): the converted
 * referral, and the commission created, updated (a partial refund recalculates it) and deleted (a full refund deletes
 * an unpaid one, https://rewardful.com/automated-refund-handling).
 */
export const REWARDFUL_SHOP_WEBHOOK_EVENTS = [
  'referral.converted',
  'commission.created',
  'commission.updated',
  'commission.deleted',
] as const;

/**
 * The same from Dub (https://dub.co/docs/webhooks/event-types): the sale and the commission. Dub has no event for a
 * commission's later change of status (a refund), so the shop's ledger never hears of one.
 */
export const DUB_SHOP_WEBHOOK_EVENTS = ['sale.created', 'commission.created'] as const;

/**
 * The metadata of the shop's endpoint at the referral platform: the merchant's own. (The harness marks the endpoints
 * it registers with `created_by`; this one has none, so the harness counts it among the merchant's.)
 */
export const SHOP_REFERRAL_ENDPOINT_METADATA = { owner: 'demo-shop' } as const;

/** Where the referral platform is and the secret key the shop's server calls it with (a secret: never logged). */
export interface ReferralPlatformAccess {
  url: string;
  secretKey: string;
}

interface ListedEndpoint {
  id: string;
  url: string;
}

/**
 * Registers the shop's webhook endpoint at the referral platform (`POST /v1/webhook_endpoints`, its secret key) for
 * SHOP_REFERRAL_WEBHOOK_EVENTS and returns its id and Standard Webhooks signing secret (kept in memory only). An
 * older endpoint with the same URL is deleted first: its secret is lost, so its deliveries would fail (as the
 * shop's provider endpoint is registered, sandbox/merchant/webhookEndpoint.ts).
 */
export async function registerReferralWebhookEndpoint(
  platform: ReferralPlatformAccess,
  url: string,
): Promise<{ id: string; secret: string }> {
  const call = referralCall(platform);
  for (const existing of await listEndpoints(call)) {
    if (existing.url === url) await call('DELETE', `/v1/webhook_endpoints/${encodeURIComponent(existing.id)}`);
  }
  const created = (await call('POST', '/v1/webhook_endpoints', {
    url,
    enabled_events: [...SHOP_REFERRAL_WEBHOOK_EVENTS],
    metadata: SHOP_REFERRAL_ENDPOINT_METADATA,
  })) as { id?: unknown; secret?: unknown };
  if (typeof created.id !== 'string' || typeof created.secret !== 'string') {
    throw new Error(`The referral platform did not return an id and a signing secret for the webhook endpoint ${url}.`);
  }
  return { id: created.id, secret: created.secret };
}

type ReferralCall = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => Promise<unknown>;

function referralCall(platform: ReferralPlatformAccess): ReferralCall {
  const base = platform.url.replace(/\/+$/, '');
  return async (method, path, body) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${platform.secretKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    const answer = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    if (!response.ok) {
      throw new Error(
        `The referral platform answered ${response.status} to ${method} ${path}: ${answer?.error?.message ?? 'no error message'}`,
      );
    }
    return answer;
  };
}

/** Every webhook endpoint of the account, page by page. */
async function listEndpoints(call: ReferralCall): Promise<ListedEndpoint[]> {
  const endpoints: ListedEndpoint[] = [];
  let startingAfter: string | undefined;
  for (;;) {
    const page = (await call(
      'GET',
      `/v1/webhook_endpoints?limit=100${startingAfter ? `&starting_after=${encodeURIComponent(startingAfter)}` : ''}`,
    )) as {
      data: ListedEndpoint[];
      has_more: boolean;
    };
    endpoints.push(...page.data);
    if (!page.has_more || page.data.length === 0) return endpoints;
    startingAfter = page.data[page.data.length - 1]!.id;
  }
}
