import { SafeHtml } from '../../merchant/html';
import type { CatalogueItem } from '../../merchant/catalogueItem';
import type { ShopContext } from '../shopContext';

/** The provider secret key, when the defect `shop.secret-key-in-page` puts it into the product page; else undefined. */
export function secretKeyInPage(shop: ShopContext): string | undefined {
  return shop.faults.has('shop.secret-key-in-page') ? shop.providerSecretKey : undefined;
}

/**
 * `window.shopConfig` for the product page's scripts: what is on sale, never a secret. The defect
 * `shop.secret-key-in-page` adds the provider secret key, as a page does whose config object was filled from
 * the server's environment.
 */
export function shopConfigScript(product: CatalogueItem, secretKey: string | undefined): SafeHtml {
  const config: Record<string, string | number> = { product: product.slug, currency: product.currency, unitAmount: product.unitAmount };
  if (secretKey !== undefined) config.stripeKey = secretKey;
  // `<` is escaped so no value can close the script element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return new SafeHtml(`<script>window.shopConfig = ${json};</script>`);
}
