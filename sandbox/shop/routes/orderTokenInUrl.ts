/** The order token in a form page's URL (shared by the sandbox's merchants). */
export { orderTokenInUrl } from '../../merchant/orderTokenInUrl';
