/** Find-or-create of a price by lookup key (shared by the sandbox's merchants). */
export { priceByLookupKey, productIdOf, type SoldItem } from '../merchant/priceByLookupKey';
