/** The escaping HTML template tag, shared by the sandbox's merchants. */
export { SafeHtml, escapeHtml, html } from '../merchant/html';
