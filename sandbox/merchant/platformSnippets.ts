import { html, SafeHtml } from './html';

/**
 * Rewardful's tracking snippet as its docs give it: the queue stub, then rw.js with the account's public API Key in
 * `data-rewardful`, in the head of every page (https://developers.rewardful.com/javascript-api/overview,
 * https://help.rewardful.com/en/articles/9014067-stripe-server-side-checkout).
 */
export interface RewardfulSnippet {
  platform: 'rewardful';
  scriptUrl: string;
  publishableKey: string;
}

/**
 * Dub's analytics script as its manual installation guide gives it: `defer`, `data-api-host` (the API it calls;
 * documented for reverse proxies, here the emulation's URL) and `data-domains` with the programme's referral domain
 * for client-side click tracking (https://dub.co/docs/sdks/client-side/installation-guides/manual,
 * https://dub.co/docs/sdks/client-side/introduction). `data-publishable-key`: the `dub_pk_…` key for client-side
 * conversion tracking (https://dub.co/docs/api-reference/authentication); guess: the attribute's name (the React
 * component takes it as a prop; the manual guide does not show the attribute).
 */
export interface DubSnippet {
  platform: 'dub';
  scriptUrl: string;
  apiHost: string;
  publishableKey: string;
  referDomain?: string;
}

/** The queue stub of Rewardful's snippet, verbatim from its docs: calls made before rw.js loads are queued. */
const REWARDFUL_QUEUE_STUB = new SafeHtml(
  "<script>(function(w,r){w._rwq=r;w[r]=w[r]||function(){(w[r].q=w[r].q||[]).push(arguments)}})(window,'rewardful');</script>",
);

export function rewardfulSnippetTag(snippet: RewardfulSnippet): SafeHtml {
  return html`${REWARDFUL_QUEUE_STUB}
<script async src="${snippet.scriptUrl}" data-rewardful="${snippet.publishableKey}"></script>`;
}

export function dubSnippetTag(snippet: DubSnippet): SafeHtml {
  const domains = snippet.referDomain ? JSON.stringify({ refer: snippet.referDomain }) : undefined;
  return html`<script src="${snippet.scriptUrl}" defer data-api-host="${snippet.apiHost}" data-publishable-key="${snippet.publishableKey}"${
    domains ? html` data-domains="${domains}"` : ''
  }></script>`;
}
