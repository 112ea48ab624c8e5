export { startEmbeddedShop, DEFAULT_EMBEDDED_SHOP_API_KEY } from './startEmbeddedShop';
export type { EmbeddedShopOptions, RunningEmbeddedShop } from './startEmbeddedShop';
export { KISSA_MATCHA_SET, KISSA_PLAN, KISSA_PRODUCTS, KISSA_SENCHA } from './catalogue';
export { EMBEDDED_SHOP_WEBHOOK_EVENTS } from './webhookEvents';
