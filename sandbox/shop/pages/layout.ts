import { renderDocument, type TrackingSnippet } from '../../merchant/document';
import { html, SafeHtml } from '../../merchant/html';
import { REWARDFUL_REFERRAL_GLUE } from './rewardfulReferralGlue';

export interface PageOptions {
  title: string;
  body: SafeHtml;
  /** The referral platform's tracking snippet; storefront pages carry it, admin pages do not. */
  snippet?: TrackingSnippet;
  /** Link shown in the header: the storefront, or the admin area. */
  area?: 'store' | 'admin';
}

const STYLE = new SafeHtml(`
  body { font-family: system-ui, sans-serif; margin: 0; color: #1d2330; background: #f7f7f9; }
  header { background: #1d2330; color: #fff; padding: 0.8rem 1.5rem; display: flex; gap: 1.5rem; align-items: center; }
  header a { color: #fff; text-decoration: none; }
  main { max-width: 44rem; margin: 2rem auto; padding: 0 1.5rem; }
  .card { background: #fff; border-radius: 8px; padding: 1.5rem; box-shadow: 0 1px 3px rgba(0,0,0,.08); margin-bottom: 1rem; }
  label { display: block; margin: 0.8rem 0 0.3rem; }
  input[type=email], input[type=password], input[type=text] { padding: 0.5rem; width: 100%; max-width: 20rem; box-sizing: border-box; }
  button { background: #3b5bdb; color: #fff; border: 0; border-radius: 6px; padding: 0.6rem 1.2rem; font-size: 1rem; cursor: pointer; margin-top: 0.8rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid #e4e4ea; vertical-align: top; }
  .price { font-size: 1.4rem; font-weight: 600; }
  .notice { background: #fff8db; border-left: 4px solid #f59f00; padding: 0.8rem 1rem; }
  .error { background: #fff0f0; border-left: 4px solid #e03131; padding: 0.8rem 1rem; }
  dt { font-weight: 600; margin-top: 0.6rem; }
  dd { margin: 0.2rem 0 0; }
`);

export function renderPage({ title, body, snippet, area = 'store' }: PageOptions): string {
  const nav =
    area === 'admin'
      ? html`<a href="/admin/orders"><strong>Demo shop admin</strong></a><a href="/">Storefront</a>`
      : html`<a href="/"><strong>Demo shop</strong></a><a href="/products/tshirt">T-shirt</a><a href="/products/tenugui">Tenugui</a><a href="/pricing">Club</a><a href="/account">Account</a>`;
  // With Rewardful, the storefront's forms carry `Rewardful.referral` to the server (./rewardfulReferralGlue.ts).
  const head = snippet?.platform === 'rewardful' ? REWARDFUL_REFERRAL_GLUE : undefined;
  return renderDocument({ title, siteName: 'Demo shop', style: STYLE, nav, body, snippet, ...(head ? { head } : {}) });
}
