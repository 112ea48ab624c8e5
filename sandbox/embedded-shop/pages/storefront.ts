import { formatMoney } from '../../currencies';
import { html, type SafeHtml } from '../../merchant/html';
import type { KissaItem } from '../catalogue';

function teaPanel(product: KissaItem) {
  return html`
<section class="panel" data-testid="product-card-${product.slug}">
  <h2>${product.name}</h2>
  <p>${product.description}</p>
  <p class="price" data-testid="product-card-price-${product.slug}">${formatMoney(product.unitAmount, product.currency)}</p>
  <a href="/products/${product.slug}" data-testid="product-link-${product.slug}">Choose the ${product.name}</a>
</section>`;
}

export function landingBody(products: readonly KissaItem[], plan: KissaItem): SafeHtml {
  return html`
<section class="panel">
  <h1>Kissa, a small tea shop</h1>
  <p>Green teas from Uji and Shizuoka, sent from Kyoto. Prices in yen.</p>
</section>
${products.map(teaPanel)}
<section class="panel">
  <h2>${plan.name}</h2>
  <p>${plan.description}</p>
  <a href="/pricing" data-testid="plan-link-${plan.slug}">Join for ${formatMoney(plan.unitAmount, plan.currency)} a month</a>
</section>`;
}

export interface OrderFormState {
  orderToken: string;
  email?: string;
  error?: string;
}

/** The product page: its price and the Buy form (one order token per render). */
export function productBody(product: KissaItem, state: OrderFormState): SafeHtml {
  return html`
<section class="panel">
  <h1 data-testid="product-name">${product.name}</h1>
  <p>${product.description}</p>
  <p class="price" data-testid="product-price">${formatMoney(product.unitAmount, product.currency)}</p>
  ${state.error ? html`<p class="alert" role="alert" data-testid="checkout-error">${state.error}</p>` : ''}
  <form method="post" action="/checkout">
    <label for="email">Where we send your receipt</label>
    <input type="email" id="email" name="email" required autocomplete="email" value="${state.email ?? ''}" data-testid="email">
    <input type="hidden" name="product" value="${product.slug}">
    <input type="hidden" name="order_token" value="${state.orderToken}">
    <p><button type="submit" data-testid="buy-button">Buy</button></p>
  </form>
</section>`;
}

export interface PlanFormState extends OrderFormState {
  /** Test mode only: the provider test clock the new customer is created on. */
  testClockId?: string;
}

/** The pricing page: the plan and its Subscribe form (one order token per render). */
export function pricingBody(plan: KissaItem, state: PlanFormState): SafeHtml {
  return html`
<section class="panel" data-testid="plan-card-${plan.slug}">
  <h1 data-testid="plan-name">${plan.name}</h1>
  <p>${plan.description}</p>
  <p class="price" data-testid="plan-price">${formatMoney(plan.unitAmount, plan.currency)} / ${plan.interval ?? 'month'}</p>
  ${state.error ? html`<p class="alert" role="alert" data-testid="subscribe-error">${state.error}</p>` : ''}
  <form method="post" action="/subscribe">
    <label for="email">Where we send your Tea Club receipts</label>
    <input type="email" id="email" name="email" required autocomplete="email" value="${state.email ?? ''}" data-testid="email">
    <input type="hidden" name="order_token" value="${state.orderToken}">
    ${state.testClockId ? html`<input type="hidden" name="test_clock" value="${state.testClockId}" data-testid="test-clock">` : ''}
    <p><button type="submit" data-testid="subscribe-button">Join the Tea Club</button></p>
  </form>
</section>`;
}
