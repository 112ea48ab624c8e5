import { COUNTRIES, escapeHtml } from '../hosted/renderCheckoutPage';

/** What the Payment Element's frame is rendered from. */
export interface PaymentFrameView {
  /** The merchant page's origin, the only window the frame talks to. */
  parentOrigin: string;
  publishableKey: string;
  clientSecret: string;
  /** decline code → the customer's message (declineMessages.ts). */
  declineMessages: Record<string, string>;
  /** Why the element cannot take a payment (bad key, unknown or finished intent): shown instead of the inputs. */
  unavailable?: string;
}

const STYLE = `
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:0;padding:2px;color:#1a1f36;background:transparent}
.tab{display:inline-block;border:1px solid #0074d4;border-radius:6px;padding:8px 14px;font-size:14px;font-weight:600;color:#0074d4;margin-bottom:8px}
label{display:block;font-size:14px;margin:10px 0 4px}input,select{width:100%;box-sizing:border-box;padding:10px;border:1px solid #cfd7df;border-radius:6px;font-size:16px;background:#fff}
input[aria-invalid=true]{border-color:#df1b41}.row{display:flex;gap:8px}.row>div{flex:1}
[role=alert]{color:#df1b41;margin-top:10px;font-size:14px}fieldset{border:0;margin:0;padding:0}
`;

/**
 * The Payment Element's frame: Stripe's input names (`number`, `expiry`, `cvc`, `country`, `postalCode`) and
 * ids (`Field-numberInput`, …), a card tab, and the error area (`[role=alert]`). Its script (payment-frame.js)
 * talks to the merchant page by postMessage and sends the card to the provider itself.
 */
export function renderPaymentFrame(view: PaymentFrameView): string {
  const options = COUNTRIES.map(
    ([code, name]) => `<option value="${code}"${code === 'US' ? ' selected' : ''}>${escapeHtml(name)}</option>`,
  ).join('');
  const data = [
    ['parent-origin', view.parentOrigin],
    ['key', view.publishableKey],
    ['client-secret', view.clientSecret],
    ['decline-messages', JSON.stringify(view.declineMessages)],
  ]
    .map(([name, value]) => ` data-${name}="${escapeHtml(value ?? '')}"`)
    .join('');
  const unavailable = view.unavailable ?? '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Secure payment input frame</title><style>${STYLE}</style></head><body${data}>
<form id="payment-form" novalidate>
<div class="tab" aria-selected="true">Card</div>
<fieldset${unavailable ? ' disabled' : ''}>
<label for="Field-numberInput">Card number</label>
<input id="Field-numberInput" name="number" inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234" aria-invalid="false">
<div class="row"><div><label for="Field-expiryInput">Expiration date</label>
<input id="Field-expiryInput" name="expiry" inputmode="numeric" autocomplete="cc-exp" placeholder="MM / YY" aria-invalid="false"></div>
<div><label for="Field-cvcInput">Security code</label>
<input id="Field-cvcInput" name="cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="CVC" aria-invalid="false"></div></div>
<div class="row"><div><label for="Field-countryInput">Country</label>
<select id="Field-countryInput" name="country" autocomplete="billing country">${options}</select></div>
<div id="postal-code-field"><label for="Field-postalCodeInput" id="postal-code-label">ZIP code</label>
<input id="Field-postalCodeInput" name="postalCode" autocomplete="billing postal-code" placeholder="12345" aria-invalid="false"></div></div>
</fieldset>
<div role="alert" id="payment-error"${unavailable ? '' : ' hidden'}>${escapeHtml(unavailable)}</div>
</form>
<script src="/elements/payment-frame.js"></script>
</body></html>`;
}
