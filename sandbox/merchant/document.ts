import { html, SafeHtml } from './html';

/** Where a storefront page loads the referral platform's tracking snippet from, and the key it carries. */
export interface ReferralSnippet {
  referralUrl: string;
  publishableKey: string;
}

export interface MerchantDocument {
  /** The page's title, before " · <site name>". */
  title: string;
  siteName: string;
  style: SafeHtml;
  /** The header's links. */
  nav: SafeHtml;
  body: SafeHtml;
  /** The referral platform's tracking snippet, on storefront pages. */
  snippet?: ReferralSnippet;
  /** More elements for the head (scripts the page needs). */
  head?: SafeHtml;
}

/** The tag that loads the tracking snippet: `<script src=".../snippet.js" data-merchant="pk_…" defer>`. */
export function trackingSnippetTag(snippet: ReferralSnippet): SafeHtml {
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
