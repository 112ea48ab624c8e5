import { html, SafeHtml } from './html';
import { dubSnippetTag, rewardfulSnippetTag, type DubSnippet, type RewardfulSnippet } from './platformSnippets';

/** Where a storefront page loads Dress Rehearsal's referral platform's tracking snippet from, and the key it carries. */
export interface ReferralSnippet {
  platform?: 'dress-rehearsal';
  referralUrl: string;
  publishableKey: string;
}

/** The tracking snippet of whichever referral platform the merchant works with. */
export type TrackingSnippet = ReferralSnippet | RewardfulSnippet | DubSnippet;
export type { DubSnippet, RewardfulSnippet } from './platformSnippets';

export interface MerchantDocument {
  /** The page's title, before " · <site name>". */
  title: string;
  siteName: string;
  style: SafeHtml;
  /** The header's links. */
  nav: SafeHtml;
  body: SafeHtml;
  /** The referral platform's tracking snippet, on storefront pages. */
  snippet?: TrackingSnippet;
  /** More elements for the head (scripts the page needs). */
  head?: SafeHtml;
}

/**
 * The tag(s) that load the tracking snippet: ours is `<script src=".../snippet.js" data-merchant="pk_…" defer>`;
 * Rewardful's and Dub's are in ./platformSnippets.ts.
 */
export function trackingSnippetTag(snippet: TrackingSnippet): SafeHtml {
  if (snippet.platform === 'rewardful') return rewardfulSnippetTag(snippet);
  if (snippet.platform === 'dub') return dubSnippetTag(snippet);
  return html`<script src="${snippet.referralUrl}/snippet.js" data-merchant="${snippet.publishableKey}" defer></script>`;
}

/** One complete HTML page of a sandbox merchant: head (title, style, tracking snippet), header nav, main. */
export function renderDocument(page: MerchantDocument): string {
  return (
    '<!doctype html>\n' +
    html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · ${page.siteName}</title>
<style>${page.style}</style>
${page.snippet ? trackingSnippetTag(page.snippet) : ''}
${page.head ?? ''}
</head>
<body>
<header>${page.nav}</header>
<main>
${page.body}
</main>
</body>
</html>`.value
  );
}
