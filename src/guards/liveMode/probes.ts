import { createProviderClient } from '../../run/provider/providerClient';

/** The provider account behind a secret key, as `GET /v1/account` answers. */
export interface ProviderAccount {
  id: string;
  /** settings.dashboard.display_name */
  displayName?: string;
  /** business_profile.name */
  businessName?: string;
}

const PROBE_TIMEOUT_MS = 10_000;

/** `GET /v1/account` through the official SDK (`stripe.accounts.retrieve()`). */
export async function readProviderAccount(provider: { apiBase: string; secretKey: string }): Promise<ProviderAccount> {
  const stripe = createProviderClient(provider);
  const account = await stripe.accounts.retrieve(null, {}, { timeout: PROBE_TIMEOUT_MS, maxNetworkRetries: 0 });
  const result: ProviderAccount = { id: account.id };
  const displayName = account.settings?.dashboard?.display_name;
  const businessName = account.business_profile?.name;
  if (displayName) result.displayName = displayName;
  if (businessName) result.businessName = businessName;
  return result;
}

/**
 * The key the merchant's landing page gives its tracking snippet (`<script … data-merchant="pk_…">`), read from
 * the page's HTML as served; undefined when the page has no such script.
 */
export async function readMerchantSnippetKey(merchantUrl: string): Promise<string | undefined> {
  const url = new URL('/', merchantUrl);
  const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), headers: { accept: 'text/html' } });
  if (!response.ok) throw new Error(`GET ${url.pathname} answered ${response.status}`);
  return snippetKeyIn(await response.text());
}

/** The `data-merchant` attribute of the first `<script>` that has one. */
export function snippetKeyIn(html: string): string | undefined {
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const match = /\sdata-merchant\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    if (match) return decodeEntities((match[1] ?? match[2] ?? match[3] ?? '').trim());
  }
  return undefined;
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|quot|#39|lt|gt);/g, (_, name: string) => ({ amp: '&', quot: '"', '#39': "'", lt: '<', gt: '>' })[name] ?? _);
}
