export { startShop, DEFAULT_SHOP_ADMIN_KEY } from './startShop';
export type { ShopOptions, RunningShop } from './startShop';
export { DEMO_PRODUCT } from './catalogue';
