/**
 * The partner's referral link for one run: `utm_campaign` carries the run id, which the tracking snippet
 * stores in the click's metadata, so the run finds its own click with `metadata[utm_campaign]=<runId>`.
 */
export function referralLink(merchantBaseUrl: string, partnerKey: string, runId: string): string {
  const url = new URL('/', merchantBaseUrl);
  url.searchParams.set('via', partnerKey);
  url.searchParams.set('utm_campaign', runId);
  return url.toString();
}
