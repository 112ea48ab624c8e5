/** The query parameter a merchant's referral links carry the partner in: `?via=alice` (the demo) or `?ref=alice`. */
export type ReferralParam = 'via' | 'ref';

/**
 * The partner's referral link for one run: `utm_campaign` carries the run id, which the tracking snippet
 * stores in the click's metadata, so the run finds its own click with `metadata[utm_campaign]=<runId>`.
 * `param` is the query parameter the merchant's links use for the partner (default `via`).
 */
export function referralLink(merchantBaseUrl: string, partnerKey: string, runId: string, options: { param?: ReferralParam } = {}): string {
  const url = new URL('/', merchantBaseUrl);
  url.searchParams.set(options.param ?? 'via', partnerKey);
  url.searchParams.set('utm_campaign', runId);
  return url.toString();
}
