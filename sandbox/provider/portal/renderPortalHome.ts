import type Stripe from 'stripe';
import { formatAmount } from '../hosted/renderCheckoutPage';
import { periodEnd } from '../billing/subscriptionObject';
import { escapeHtml, longDate, portalPage, shortDate } from './portalLayout';
import type { PortalView } from './portalView';

// The portal's home page. Section labels ("Current plan", "Payment method(s)", "Billing information", "Invoice
// history"), "Cancel plan", "Update information", "Add payment method", "Your plan renews on <date>.", "Visa •••• 4242",
// "Expires 12/2034", "$20.00 per month", "Return to <business>" and the test ids below are those seen on Stripe's
// portal (data-test="cancel-subscription", data-test="renew-subscription", data-test="add-payment-method",
// data-testid="hip-link", "invoice-status-badge-…", "return-to-business-link", "page-container-main"). The wording of
// a pending cancellation ("Your plan will be canceled on <date>.", the "Cancels <date>" badge) and of "Renew plan" are
// the sandbox's guesses.

const BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
};

export function brandName(brand: string | null | undefined): string {
  return (brand && BRANDS[brand]) ?? 'Card';
}

/** "$20.00 per month", "$60.00 every 3 months". */
export function priceText(price: Stripe.Price, quantity = 1): string {
  const amount = formatAmount((price.unit_amount ?? 0) * quantity, price.currency);
  const recurring = price.recurring;
  if (!recurring) return amount;
  return recurring.interval_count === 1
    ? `${amount} per ${recurring.interval}`
    : `${amount} every ${recurring.interval_count} ${recurring.interval}s`;
}

export function planName(subscription: Stripe.Subscription, productName: (productId: string) => string): string {
  return subscription.items.data
    .map((item) => productName(typeof item.price.product === 'string' ? item.price.product : item.price.product.id))
    .join(', ');
}

function subscriptionCard(view: PortalView, subscription: Stripe.Subscription, productName: (id: string) => string): string {
  const item = subscription.items.data[0];
  const price = item
    ? `<div class="plan-price" data-testid="plan-price">${escapeHtml(priceText(item.price, item.quantity ?? 1))}</div>`
    : '';
  const end = longDate(periodEnd(subscription));
  const cancelEnabled = view.configuration.features.subscription_cancel.enabled;
  const base = `${view.base}/subscriptions/${escapeHtml(subscription.id)}`;
  let state: string;
  let actions = '';
  if (subscription.cancel_at_period_end) {
    state = `<span class="badge" data-test="subscription-cancel-at-period-end-badge">Cancels ${escapeHtml(shortDate(periodEnd(subscription)))}</span>
<p data-testid="subscription-status">Your plan will be canceled on ${escapeHtml(end)}.</p>`;
    actions = `<form method="post" action="${base}/renew"><button type="submit" class="primary" data-test="renew-subscription">Renew plan</button></form>`;
  } else {
    state =
      subscription.status === 'past_due' || subscription.status === 'unpaid'
        ? `<p data-testid="subscription-status">Your last payment failed. Your plan renews on ${escapeHtml(end)}.</p>`
        : `<p data-testid="subscription-status">Your plan renews on ${escapeHtml(end)}.</p>`;
    if (cancelEnabled) actions = `<a class="button" data-test="cancel-subscription" href="${base}/cancel">Cancel plan</a>`;
  }
  return `<article data-testid="subscription" data-subscription="${escapeHtml(subscription.id)}">
<div class="plan-name" data-testid="plan-name">${escapeHtml(planName(subscription, productName))}</div>${price}${state}${actions}</article>`;
}

function paymentMethodSection(view: PortalView): string {
  const cards = view.cards
    .map((method) => {
      const card = method.card;
      const isDefault = method.id === view.defaultCardId ? ' <span class="badge">Default</span>' : '';
      return `<li data-testid="payment-method">${escapeHtml(brandName(card?.brand))} •••• ${escapeHtml(card?.last4 ?? '')}${isDefault}
<br><small>Expires ${String(card?.exp_month ?? '').padStart(2, '0')}/${card?.exp_year ?? ''}</small></li>`;
    })
    .join('');
  const add = view.configuration.features.payment_method_update.enabled
    ? `<a class="button" data-test="add-payment-method" href="${view.base}/payment-methods/new">Add payment method</a>`
    : '';
  const label = view.cards.length > 1 ? 'Payment methods' : 'Payment method';
  return `<section aria-labelledby="payment-methods"><h2 id="payment-methods">${label}</h2><ul>${cards}</ul>${add}</section>`;
}

function billingInformationSection(view: PortalView): string {
  const { customer } = view;
  const address = customer.address;
  const lines = [
    customer.name,
    customer.email,
    address && [address.line1, address.city, address.postal_code, address.country].filter(Boolean).join(', '),
  ]
    .filter((line): line is string => Boolean(line))
    .map((line) => `<div>${escapeHtml(line)}</div>`)
    .join('');
  const feature = view.configuration.features.customer_update;
  // A button, as on Stripe's portal (which opens a form in place; the sandbox's opens a page).
  const update =
    feature.enabled && feature.allowed_updates.length > 0
      ? `<form method="get" action="${view.base}/customer/update"><button type="submit">Update information</button></form>`
      : '';
  return `<section aria-labelledby="billing-information"><h2 id="billing-information">Billing information</h2>${lines}${update}</section>`;
}

/** Stripe's badges: "Paid" (positive), "Failed" (an open invoice whose payment was attempted), else the status. */
function invoiceBadge(invoice: Stripe.Invoice): string {
  if (invoice.status === 'paid') return '<span data-testid="invoice-status-badge-positive">Paid</span>';
  if (invoice.status === 'open' && invoice.attempted) return '<span data-testid="invoice-status-badge-negative">Failed</span>';
  const text = invoice.status ? invoice.status.charAt(0).toUpperCase() + invoice.status.slice(1) : 'Draft';
  return `<span data-testid="invoice-status-badge-neutral">${escapeHtml(text)}</span>`;
}

function invoiceHistorySection(view: PortalView): string {
  if (!view.configuration.features.invoice_history.enabled) return '';
  const rows = view.invoices
    .map((invoice) => {
      const description = invoice.lines.data
        .map((line) => line.description ?? '')
        .filter(Boolean)
        .join(', ');
      // The sandbox has no hosted invoice page: the date is text where Stripe's is a link to it.
      return `<li data-testid="invoice" data-invoice="${escapeHtml(invoice.id)}"><span data-testid="hip-link">${escapeHtml(shortDate(invoice.created))}</span>
<span data-testid="invoice-amount">${escapeHtml(formatAmount(invoice.total, invoice.currency))}</span>${invoiceBadge(invoice)}<span>${escapeHtml(description)}</span></li>`;
    })
    .join('');
  return `<section aria-labelledby="invoice-history"><h2 id="invoice-history">Invoice history</h2><ul class="invoices">${rows}</ul></section>`;
}

/** The portal's home page; `overlay` is a dialog shown over it (the cancellation reason). */
export function renderPortalHome(view: PortalView, productName: (id: string) => string, overlay?: string): string {
  const plans = view.subscriptions.length
    ? view.subscriptions.map((subscription) => subscriptionCard(view, subscription, productName)).join('')
    : '<p data-testid="no-subscription">You have no current plan.</p>';
  const main = `<section aria-labelledby="current-plan"><h2 id="current-plan">Current plan</h2>${plans}</section>
${paymentMethodSection(view)}
${billingInformationSection(view)}
${invoiceHistorySection(view)}`;
  return portalPage({
    title: 'Billing',
    returnUrl: view.session.return_url,
    livemode: view.session.livemode,
    headline: view.configuration.business_profile.headline,
    main,
    ...(overlay ? { overlay } : {}),
  });
}
