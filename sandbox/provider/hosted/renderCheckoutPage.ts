import type Stripe from 'stripe';
import { formatMoney } from '../../currencies';
import type { CardFormFields } from './cardForm';
import type { HostedCheckoutLayout } from './hostedCheckoutLayout';

/** Escapes text for HTML; hand-written because no template library is installed and this is one line. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Amounts in minor units, zero-decimal currencies (jpy) as they are: see sandbox/currencies.ts. */
export const formatAmount = formatMoney;

/** The countries the hosted page and the Payment Element offer, by ISO code. */
export const COUNTRIES: [string, string][] = [
  ['US', 'United States'],
  ['GB', 'United Kingdom'],
  ['CA', 'Canada'],
  ['AU', 'Australia'],
  ['DE', 'Germany'],
  ['FR', 'France'],
  ['NL', 'Netherlands'],
  ['IE', 'Ireland'],
  ['ES', 'Spain'],
  ['IT', 'Italy'],
  ['BE', 'Belgium'],
  ['SE', 'Sweden'],
  ['DK', 'Denmark'],
  ['NO', 'Norway'],
  ['FI', 'Finland'],
  ['AT', 'Austria'],
  ['CH', 'Switzerland'],
  ['PL', 'Poland'],
  ['PT', 'Portugal'],
  ['JP', 'Japan'],
  ['SG', 'Singapore'],
  ['NZ', 'New Zealand'],
  ['BR', 'Brazil'],
  ['MX', 'Mexico'],
  ['IN', 'India'],
];

const STYLE = `
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:0;background:#f6f9fc;color:#1a1f36}
main{display:flex;flex-wrap:wrap;gap:48px;max-width:920px;margin:40px auto;padding:0 24px}
section{flex:1 1 360px}.badge{background:#ffde92;color:#663c00;font-size:12px;padding:2px 6px;border-radius:4px;margin-left:8px}
.total{font-size:36px;font-weight:600;margin:8px 0 24px}ul{list-style:none;padding:0}li{display:flex;justify-content:space-between;padding:8px 0;border-bottom:1px solid #e3e8ee}
label{display:block;font-size:14px;margin:14px 0 4px}input,select{width:100%;box-sizing:border-box;padding:10px;border:1px solid #cfd7df;border-radius:6px;font-size:16px}
.row{display:flex;gap:8px}.row>div{flex:1}button{margin-top:20px;width:100%;padding:12px;border:0;border-radius:6px;background:#0074d4;color:#fff;font-size:16px;font-weight:600}
[role=alert]{color:#df1b41;margin-top:12px}a{color:#0074d4}
.wallet{background:#000;margin-top:8px}.divider{text-align:center;color:#697386;margin:16px 0 8px}
details.accordion{border:1px solid #cfd7df;border-radius:6px;padding:0 12px 12px;margin-top:8px}
details.accordion>summary{cursor:pointer;padding:12px 0;font-weight:600;list-style:none}
.hidden-toggle{display:none}
.overlay{display:none;position:fixed;inset:0;background:rgba(26,31,54,.55);align-items:center;justify-content:center;z-index:10}
.overlay>div{background:#fff;border-radius:8px;padding:24px;max-width:380px;box-shadow:0 8px 30px rgba(0,0,0,.3)}
form:has(#email:valid):has(#link-dismissed:not(:checked)) .link-prompt{display:flex}
.overlay label[role=button]{display:block;margin-top:20px;padding:12px;border-radius:6px;background:#f6f9fc;border:1px solid #cfd7df;text-align:center;cursor:pointer;font-weight:600}
.challenge-modal{display:flex}.challenge-modal iframe{width:420px;height:440px;border:0;background:#fff;border-radius:8px}
`;

/** Stripe's "TEST MODE" badge: shown on test-mode sessions only (a live page has none). */
export function testModeBadge(session: Stripe.Checkout.Session): string {
  return session.livemode ? '' : '<span class="badge" data-testid="test-mode-badge">TEST MODE</span>';
}

/** A complete HTML page with the hosted pages' inline style. */
export function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export interface CheckoutPageView {
  session: Stripe.Checkout.Session;
  lineItems: Stripe.LineItem[];
  /** How the page is laid out (default: the card form at once). */
  layout?: HostedCheckoutLayout['layout'];
  /**
   * Values to keep after a failed attempt (card number and CVC are never echoed back). Given, the page is shown
   * again after an attempt: the card form is open and the Link prompt stays dismissed (the customer chose the card).
   */
  fields?: Partial<CardFormFields>;
  cardError?: string;
  fieldError?: string;
  /** The 3-D Secure challenge to show in a modal iframe (`stripe-challenge-frame`) over the page. */
  challengeFrameUrl?: string;
}

/** The hosted payment page, with Stripe's field names and submit test id; it works without JavaScript. */
export function renderCheckoutPage(view: CheckoutPageView): string {
  const { session, lineItems, fields = {} } = view;
  const arrangement = view.layout ?? 'card';
  const currency = session.currency ?? 'usd';
  const email = fields.email ?? session.customer_email ?? session.customer_details?.email ?? '';
  const items = lineItems
    .map(
      (item) => `<li data-testid="line-item"><span><span data-testid="line-item-name">${escapeHtml(item.description ?? '')}</span>
 × <span data-testid="line-item-quantity">${item.quantity ?? 1}</span></span><span data-testid="line-item-amount">${formatAmount(item.amount_total, currency)}</span></li>`,
    )
    .join('');
  const back = session.cancel_url ? `<a data-testid="cancel-link" href="${escapeHtml(session.cancel_url)}">← Back</a>` : '';
  const value = (text: string | undefined) => (text ? ` value="${escapeHtml(text)}"` : '');
  // The Link prompt shows once the email is a valid address: `required` makes an empty one invalid (the form is `novalidate`).
  const emailField = `<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email"${arrangement === 'link' ? ' required' : ''}${value(email)}>`;
  const card = cardSection(fields);
  const payment =
    arrangement === 'accordion'
      ? `<h2>Payment method</h2>
<button type="button" class="wallet" data-testid="wallet-button">Google Pay</button>
<div class="divider">Or</div>
<details class="accordion" data-testid="card-accordion-item"${view.fields ? ' open' : ''}><summary data-testid="card-accordion-item-button">Pay with card</summary>
${card}
</details>`
      : `<h2>Card information</h2>
${card}`;
  return layout(
    'Checkout — Dress Rehearsal sandbox',
    `<main>
<section aria-label="Order summary">${back}
<h1>Pay Dress Rehearsal sandbox${testModeBadge(session)}</h1>
<div class="total" id="ProductSummary-totalAmount" data-testid="checkout-total">${formatAmount(session.amount_total ?? 0, currency)}</div>
<ul>${items}</ul>
<p><strong>Total due</strong> <span data-testid="total-due">${formatAmount(session.amount_total ?? 0, currency)}</span></p>
</section>
<section aria-label="Payment">
<form method="post" action="/c/pay/${escapeHtml(session.id)}" novalidate>
${emailField}
${payment}
${view.cardError ? `<div role="alert" data-testid="card-error">${escapeHtml(view.cardError)}</div>` : ''}
${view.fieldError ? `<div role="alert" data-testid="field-error">${escapeHtml(view.fieldError)}</div>` : ''}
<button type="submit" data-testid="hosted-payment-submit-button">Pay</button>
${arrangement === 'link' ? linkPrompt(view.fields !== undefined) : ''}
</form>
</section>
</main>${view.challengeFrameUrl ? challengeModal(view.challengeFrameUrl) : ''}`,
  );
}

/** The card fields, cardholder name, country and postal code, by Stripe's names. */
function cardSection(fields: Partial<CardFormFields>): string {
  const country = fields.billingCountry ?? 'US';
  const options = COUNTRIES.map(
    ([code, name]) => `<option value="${code}"${code === country ? ' selected' : ''}>${escapeHtml(name)}</option>`,
  ).join('');
  const value = (text: string | undefined) => (text ? ` value="${escapeHtml(text)}"` : '');
  return `<label for="cardNumber">Card number</label><input id="cardNumber" name="cardNumber" inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234">
<div class="row"><div><label for="cardExpiry">Expiration</label><input id="cardExpiry" name="cardExpiry" autocomplete="cc-exp" placeholder="MM / YY"></div>
<div><label for="cardCvc">CVC</label><input id="cardCvc" name="cardCvc" inputmode="numeric" autocomplete="cc-csc" placeholder="CVC"></div></div>
<label for="billingName">Cardholder name</label><input id="billingName" name="billingName" autocomplete="cc-name"${value(fields.billingName)}>
<label for="billingCountry">Country or region</label><select id="billingCountry" name="billingCountry" autocomplete="billing country">${options}</select>
<label for="billingPostalCode">ZIP / Postal code</label><input id="billingPostalCode" name="billingPostalCode" autocomplete="billing postal-code"${value(fields.billingPostalCode)}>`;
}

/**
 * Link's sign-in prompt, over the form once the email is a valid address (CSS only: no JavaScript on the page).
 * "Pay without Link" ticks a hidden checkbox that hides it (ticked already when the page comes back after an attempt).
 */
function linkPrompt(dismissed: boolean): string {
  return `<input type="checkbox" class="hidden-toggle" id="link-dismissed"${dismissed ? ' checked' : ''}>
<div class="overlay link-prompt" role="dialog" aria-modal="true" aria-labelledby="link-title" data-testid="link-prompt"><div>
<h2 id="link-title">Use your saved info with Link</h2>
<p>This email has a Link account. Enter the code sent to your phone to pay with the card saved in Link.</p>
<label for="link-dismissed" role="button" tabindex="0" data-testid="link-pay-without-link">Pay without Link</label>
</div></div>`;
}

/** The bank's 3-D Secure challenge in a modal iframe named as Stripe names it. */
function challengeModal(url: string): string {
  return `<div class="overlay challenge-modal" role="dialog" aria-modal="true" aria-label="3D Secure authentication" data-testid="three-d-secure-modal">
<iframe name="stripe-challenge-frame" title="3D Secure challenge" src="${escapeHtml(url)}"></iframe></div>`;
}

/** What a completed, expired or unknown session shows instead of the form. */
export function renderInactivePage(kind: 'complete' | 'expired' | 'missing', successUrl?: string | null): string {
  const text = {
    complete: 'This payment is already complete. Thank you!',
    expired: 'This checkout session has expired. Return to the merchant to start again.',
    missing: 'This checkout page does not exist.',
  }[kind];
  const link = kind === 'complete' && successUrl ? `<p><a href="${escapeHtml(successUrl)}">Return to the merchant</a></p>` : '';
  return layout(
    'Checkout — Dress Rehearsal sandbox',
    `<main><section><h1 data-testid="session-${kind}">${escapeHtml(text)}</h1>${link}</section></main>`,
  );
}
