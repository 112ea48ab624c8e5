import { COUNTRIES } from '../hosted/renderCheckoutPage';
import { escapeHtml, portalPage } from './portalLayout';
import type { PortalCardFields } from './portalCardForm';
import type { PortalView } from './portalView';

// The portal's two forms: a card ("Add payment method", Stripe's label; its confirm button has data-testid="confirm",
// the "Add" label is the sandbox's guess) and the customer's billing information ("Update information"). Stripe's card
// form is its Payment Element in an iframe; the sandbox's is a plain form with the hosted Checkout page's field
// names and labels, posted to the provider only (no JavaScript on the page).

function frame(view: PortalView, title: string, main: string): string {
  return portalPage({
    title,
    returnUrl: view.session.return_url,
    livemode: view.session.livemode,
    headline: view.configuration.business_profile.headline,
    main,
  });
}

function countryOptions(selected: string): string {
  return COUNTRIES.map(
    ([code, name]) => `<option value="${code}"${code === selected ? ' selected' : ''}>${escapeHtml(name)}</option>`,
  ).join('');
}

/** "Add payment method": card number, expiry, CVC, country, ZIP; `error` after a refused attempt (the number is never echoed). */
export function renderCardPage(view: PortalView, kept: Partial<PortalCardFields> = {}, error?: string): string {
  const country = kept.billingCountry ?? view.customer.address?.country ?? 'US';
  const postal = kept.billingPostalCode ? ` value="${escapeHtml(kept.billingPostalCode)}"` : '';
  const flowOnly = view.session.flow?.type === 'payment_method_update';
  const main = `<section aria-labelledby="card-title"><h2 id="card-title">Add payment method</h2>
<form method="post" action="${view.base}/payment-methods" novalidate>
<label for="cardNumber">Card number</label><input id="cardNumber" name="cardNumber" inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234">
<div class="row"><div><label for="cardExpiry">Expiration</label><input id="cardExpiry" name="cardExpiry" autocomplete="cc-exp" placeholder="MM / YY"></div>
<div><label for="cardCvc">CVC</label><input id="cardCvc" name="cardCvc" inputmode="numeric" autocomplete="cc-csc" placeholder="CVC"></div></div>
<label for="billingCountry">Country or region</label><select id="billingCountry" name="billingCountry" autocomplete="billing country">${countryOptions(country)}</select>
<label for="billingPostalCode">ZIP / Postal code</label><input id="billingPostalCode" name="billingPostalCode" autocomplete="billing postal-code"${postal}>
${error ? `<div role="alert" data-testid="card-error">${escapeHtml(error)}</div>` : ''}
<button type="submit" class="primary" data-testid="confirm">Add</button>${flowOnly ? '' : `<a class="button" href="${view.base}">Cancel</a>`}
</form></section>`;
  return frame(view, 'Add payment method', main);
}

/** "Billing information": the fields `customer_update.allowed_updates` lets the customer change. */
export function renderCustomerUpdatePage(view: PortalView, error?: string): string {
  const allowed = view.configuration.features.customer_update.allowed_updates;
  const { customer } = view;
  const field = (id: string, label: string, value: string | null | undefined, type = 'text') =>
    `<label for="${id}">${label}</label><input id="${id}" name="${id}" type="${type}"${value ? ` value="${escapeHtml(value)}"` : ''}>`;
  const fields = [
    allowed.includes('name') ? field('name', 'Name', customer.name) : '',
    allowed.includes('email') ? field('email', 'Email', customer.email, 'email') : '',
    allowed.includes('phone') ? field('phone', 'Phone number', customer.phone, 'tel') : '',
    allowed.includes('address')
      ? `${field('line1', 'Address', customer.address?.line1)}${field('city', 'City', customer.address?.city)}${field('postal_code', 'ZIP / Postal code', customer.address?.postal_code)}
<label for="country">Country or region</label><select id="country" name="country">${countryOptions(customer.address?.country ?? 'US')}</select>`
      : '',
  ].join('');
  const main = `<section aria-labelledby="info-title"><h2 id="info-title">Billing information</h2>
<form method="post" action="${view.base}/customer/update" novalidate>${fields}
${error ? `<div role="alert" data-testid="field-error">${escapeHtml(error)}</div>` : ''}
<button type="submit" class="primary" data-testid="confirm">Save</button><a class="button" href="${view.base}">Cancel</a></form></section>`;
  return frame(view, 'Billing information', main);
}
