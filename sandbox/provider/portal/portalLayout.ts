import { escapeHtml } from '../hosted/renderCheckoutPage';
import { SANDBOX_ACCOUNT_NAME } from '../resources/account';

/** The business the portal is branded for: the account's name, as Stripe's portal shows the merchant's branding. */
export const PORTAL_BUSINESS_NAME = SANDBOX_ACCOUNT_NAME;

const STYLE = `
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:0;background:#fff;color:#1a1f36;display:flex;min-height:100vh;flex-wrap:wrap}
aside{flex:0 0 320px;background:#1a1f36;color:#fff;padding:48px 40px;box-sizing:border-box}aside a{color:#fff}
aside h1{font-size:22px;margin:0 0 32px}.headline{font-size:20px;line-height:1.4;margin:0 0 32px}
main{flex:1 1 480px;padding:48px 64px;box-sizing:border-box;max-width:760px}
section{margin-bottom:48px}h2{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#697386;border-bottom:1px solid #e3e8ee;padding-bottom:12px}
.badge{background:#ffde92;color:#663c00;font-size:12px;padding:2px 6px;border-radius:4px;margin-left:8px}
.plan-name{font-size:20px;font-weight:600}.plan-price{font-size:24px;font-weight:700;margin:6px 0}
.button,button{display:inline-block;padding:10px 16px;border:1px solid #cfd7df;border-radius:6px;background:#fff;color:#1a1f36;font-size:16px;text-decoration:none;cursor:pointer;margin:8px 8px 0 0}
.primary{background:#0074d4;color:#fff;border-color:#0074d4}.danger{background:#df1b41;color:#fff;border-color:#df1b41}
label{display:block;font-size:14px;margin:14px 0 4px}input,select{width:100%;box-sizing:border-box;padding:10px;border:1px solid #cfd7df;border-radius:6px;font-size:16px}
.row{display:flex;gap:8px}.row>div{flex:1}[role=alert]{color:#df1b41;margin-top:12px}
ul.invoices{list-style:none;padding:0}ul.invoices li{display:flex;gap:16px;padding:8px 0;border-bottom:1px solid #e3e8ee}
.overlay{position:fixed;inset:0;background:rgba(26,31,54,.55);display:flex;align-items:center;justify-content:center}
.overlay>div{background:#fff;border-radius:8px;padding:24px;max-width:420px}fieldset{border:0;padding:0}fieldset label{display:flex;gap:8px;align-items:center}fieldset input{width:auto}
`;

export interface PortalFrame {
  /** The page's `<title>`; Stripe's portal pages are titled after the section ("Billing", "Cancel subscription"). */
  title: string;
  returnUrl: string | null;
  livemode: boolean;
  headline: string | null;
  /** The right-hand content (`data-testid=page-container-main`, as on Stripe's portal). */
  main: string;
  /** Shown over the page (a dialog). */
  overlay?: string;
}

/**
 * A portal page: the merchant's side (its name, its headline, "Return to <business>") and the portal's content. No
 * JavaScript, no external assets (sent with the hosted pages' security headers). Stripe's default headline
 * "<business> partners with Stripe for simplified billing." is the one its docs use as the example; that it is the
 * default when none is set is the sandbox's guess.
 */
export function portalPage(frame: PortalFrame): string {
  const name = escapeHtml(PORTAL_BUSINESS_NAME);
  const headline = escapeHtml(frame.headline ?? `${PORTAL_BUSINESS_NAME} partners with Stripe for simplified billing.`);
  const back = frame.returnUrl
    ? `<a data-testid="return-to-business-link" href="${escapeHtml(frame.returnUrl)}"><span aria-hidden="true">← </span>Return to ${name}</a>`
    : '';
  const badge = frame.livemode ? '' : '<span class="badge" data-testid="test-mode-badge">TEST MODE</span>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(frame.title)} — ${name}</title><style>${STYLE}</style></head><body>
<aside aria-label="${name}"><h1>${name}${badge}</h1><p class="headline">${headline}</p>${back}<p><small>Powered by Stripe (Dress Rehearsal sandbox)</small></p></aside>
<main data-testid="page-container-main">${frame.main}</main>${frame.overlay ?? ''}
</body></html>`;
}

/** "August 25, 2024" (UTC), as the portal writes dates. */
export function longDate(unixSeconds: number): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(unixSeconds * 1000));
}

/** "Aug 25, 2024" (UTC), as the invoice history writes dates. */
export function shortDate(unixSeconds: number): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(unixSeconds * 1000));
}

export { escapeHtml };
