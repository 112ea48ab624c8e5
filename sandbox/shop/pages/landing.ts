import { html } from '../../merchant/html';
import { formatMoney } from '../../currencies';
import type { CatalogueItem } from '../../merchant/catalogueItem';

function productCard(product: CatalogueItem) {
  return html`
<section class="card" data-testid="product-card-${product.slug}">
  <h2>${product.name}</h2>
  <p>${product.description}</p>
  <p class="price" data-testid="product-card-price-${product.slug}">${formatMoney(product.unitAmount, product.currency)}</p>
  <a href="/products/${product.slug}" data-testid="product-link-${product.slug}">View the ${product.name}</a>
</section>`;
}

export function landingBody(products: readonly CatalogueItem[]) {
  return html`
<section class="card">
  <h1>Welcome to the demo shop</h1>
  <p>A small merchant used to rehearse payments and partner referrals before go-live.</p>
</section>
${products.map(productCard)}`;
}
