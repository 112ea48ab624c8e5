/** The customer session cookie of the account page (Kissa's own name: another shop on this host keeps its own). */
export const KISSA_CUSTOMER_COOKIE = 'kissa_customer_session';
