import { html } from '../../merchant/html';
import { formatMoney } from '../../currencies';
import type { CatalogueItem } from '../../merchant/catalogueItem';
import { shopConfigScript } from './shopConfig';

export interface ProductPageState {
  orderToken: string;
  email?: string;
  error?: string;
  canceled?: boolean;
  /** Only with the defect `shop.secret-key-in-page`: the provider secret key, inlined into the page. */
  secretKeyInPage?: string;
}

export function productBody(product: CatalogueItem, state: ProductPageState) {
  return html`
${state.canceled ? html`<p class="notice" data-testid="checkout-canceled">Checkout canceled: you have not been charged.</p>` : ''}
<section class="card">
  <h1 data-testid="product-name">${product.name}</h1>
  <p>${product.description}</p>
  <p class="price" data-testid="product-price">${formatMoney(product.unitAmount, product.currency)}</p>
  ${state.error ? html`<p class="error" role="alert" data-testid="checkout-error">${state.error}</p>` : ''}
  <form method="post" action="/checkout">
    <input type="hidden" name="product" value="${product.slug}">
    <input type="hidden" name="order_token" value="${state.orderToken}">
    <label for="email">Email for your receipt</label>
    <input type="email" id="email" name="email" required autocomplete="email" value="${state.email ?? ''}" data-testid="email">
    <div><button type="submit" data-testid="buy-button">Buy now</button></div>
  </form>
</section>
${shopConfigScript(product, state.secretKeyInPage)}`;
}
