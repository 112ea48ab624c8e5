import { html } from '../../merchant/html';

/** A friendly message; never a stack trace or a provider's raw error. */
export function errorBody(heading: string, message: string) {
  return html`
<section class="card" data-testid="error-page">
  <h1>${heading}</h1>
  <p data-testid="error-message">${message}</p>
  <p><a href="/">Back to the shop</a></p>
</section>`;
}
