/** "$20.00" for (2000, 'usd'), "¥1,500" for (1500, 'jpy'): amounts in minor units, zero-decimal currencies as they are. */
export { formatMoney as formatAmount } from '../currencies';
