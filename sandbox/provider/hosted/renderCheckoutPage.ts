import type Stripe from 'stripe';
import { formatMoney } from '../../currencies';
import type { CardFormFields } from './cardForm';

/** Escapes text for HTML; hand-written because no template library is installed and this is one line. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Amounts in minor units, zero-decimal currencies (jpy) as they are: see sandbox/currencies.ts. */
export const formatAmount = formatMoney;

const COUNTRIES: [string, string][] = [
  ['US', 'United States'], ['GB', 'United Kingdom'], ['CA', 'Canada'], ['AU', 'Australia'], ['DE', 'Germany'], ['FR', 'France'],
  ['NL', 'Netherlands'], ['IE', 'Ireland'], ['ES', 'Spain'], ['IT', 'Italy'], ['BE', 'Belgium'], ['SE', 'Sweden'], ['DK', 'Denmark'],
  ['NO', 'Norway'], ['FI', 'Finland'], ['AT', 'Austria'], ['CH', 'Switzerland'], ['PL', 'Poland'], ['PT', 'Portugal'], ['JP', 'Japan'],
  ['SG', 'Singapore'], ['NZ', 'New Zealand'], ['BR', 'Brazil'], ['MX', 'Mexico'], ['IN', 'India'],
];

const STYLE = `
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:0;background:#f6f9fc;color:#1a1f36}
main{display:flex;flex-wrap:wrap;gap:48px;max-width:920px;margin:40px auto;padding:0 24px}
section{flex:1 1 360px}.badge{background:#ffde92;color:#663c00;font-size:12px;padding:2px 6px;border-radius:4px;margin-left:8px}
.total{font-size:36px;font-weight:600;margin:8px 0 24px}ul{list-style:none;padding:0}li{display:flex;justify-content:space-between;padding:8px 0;border-bottom:1px solid #e3e8ee}
label{display:block;font-size:14px;margin:14px 0 4px}input,select{width:100%;box-sizing:border-box;padding:10px;border:1px solid #cfd7df;border-radius:6px;font-size:16px}
.row{display:flex;gap:8px}.row>div{flex:1}button{margin-top:20px;width:100%;padding:12px;border:0;border-radius:6px;background:#0074d4;color:#fff;font-size:16px;font-weight:600}
[role=alert]{color:#df1b41;margin-top:12px}a{color:#0074d4}
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
  /** Values to keep after a failed attempt (card number and CVC are never echoed back). */
  fields?: Partial<CardFormFields>;
  cardError?: string;
  fieldError?: string;
}

/** The hosted payment page, with Stripe's field names and submit test id; it works without JavaScript. */
export function renderCheckoutPage(view: CheckoutPageView): string {
  const { session, lineItems, fields = {} } = view;
  const currency = session.currency ?? 'usd';
  const email = fields.email ?? session.customer_email ?? session.customer_details?.email ?? '';
  const country = fields.billingCountry ?? 'US';
  const items = lineItems
    .map(
      (item) => `<li data-testid="line-item"><span><span data-testid="line-item-name">${escapeHtml(item.description ?? '')}</span>
 × <span data-testid="line-item-quantity">${item.quantity ?? 1}</span></span><span data-testid="line-item-amount">${formatAmount(item.amount_total, currency)}</span></li>`,
    )
    .join('');
  const back = session.cancel_url ? `<a data-testid="cancel-link" href="${escapeHtml(session.cancel_url)}">← Back</a>` : '';
  const options = COUNTRIES.map(([code, name]) => `<option value="${code}"${code === country ? ' selected' : ''}>${escapeHtml(name)}</option>`).join('');
  const value = (text: string | undefined) => (text ? ` value="${escapeHtml(text)}"` : '');
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
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email"${value(email)}>
<h2>Card information</h2>
<label for="cardNumber">Card number</label><input id="cardNumber" name="cardNumber" inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234">
<div class="row"><div><label for="cardExpiry">Expiration</label><input id="cardExpiry" name="cardExpiry" autocomplete="cc-exp" placeholder="MM / YY"></div>
<div><label for="cardCvc">CVC</label><input id="cardCvc" name="cardCvc" inputmode="numeric" autocomplete="cc-csc" placeholder="CVC"></div></div>
<label for="billingName">Cardholder name</label><input id="billingName" name="billingName" autocomplete="cc-name"${value(fields.billingName)}>
<label for="billingCountry">Country or region</label><select id="billingCountry" name="billingCountry" autocomplete="billing country">${options}</select>
<label for="billingPostalCode">ZIP / Postal code</label><input id="billingPostalCode" name="billingPostalCode" autocomplete="billing postal-code"${value(fields.billingPostalCode)}>
${view.cardError ? `<div role="alert" data-testid="card-error">${escapeHtml(view.cardError)}</div>` : ''}
${view.fieldError ? `<div role="alert" data-testid="field-error">${escapeHtml(view.fieldError)}</div>` : ''}
<button type="submit" data-testid="hosted-payment-submit-button">Pay</button>
</form>
</section>
</main>`,
  );
}

/** What a completed, expired or unknown session shows instead of the form. */
export function renderInactivePage(kind: 'complete' | 'expired' | 'missing', successUrl?: string | null): string {
  const text = {
    complete: 'This payment is already complete. Thank you!',
    expired: 'This checkout session has expired. Return to the merchant to start again.',
    missing: 'This checkout page does not exist.',
  }[kind];
  const link = kind === 'complete' && successUrl ? `<p><a href="${escapeHtml(successUrl)}">Return to the merchant</a></p>` : '';
  return layout('Checkout — Dress Rehearsal sandbox', `<main><section><h1 data-testid="session-${kind}">${escapeHtml(text)}</h1>${link}</section></main>`);
}
