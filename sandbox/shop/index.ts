export { startShop, DEFAULT_SHOP_ADMIN_KEY } from './startShop';
export type { ShopOptions, RunningShop } from './startShop';
export { DEMO_PRODUCT, DEMO_PRODUCTS, DEMO_ZERO_DECIMAL_PRODUCT } from './catalogue';
export { DEMO_PLAN } from './plan';
export { SHOP_WEBHOOK_EVENTS } from './webhookEndpoint';
export type { HostedReferralPlatform } from './hostedReferralPlatform';
