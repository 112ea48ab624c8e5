import { html } from '../../merchant/html';

export interface CanceledPageState {
  /** The message about a payment that did not go through; absent when the customer simply left. */
  problem?: string;
  /** Where to try again: the open payment page, or the form to start over. */
  retryUrl?: string;
  backUrl: string;
  backLabel: string;
}

export function checkoutCanceledBody(state: CanceledPageState) {
  return html`
<section class="card" data-testid="checkout-canceled-page">
  ${
    state.problem
      ? html`<h1>Your payment did not go through</h1>
  <p class="error" role="alert" data-testid="payment-problem">${state.problem}</p>
  <p data-testid="not-charged">You have not been charged.</p>`
      : html`<h1>Checkout canceled</h1>
  <p class="notice" data-testid="checkout-canceled">You have not been charged.</p>`
  }
  ${state.retryUrl ? html`<p><a href="${state.retryUrl}" data-testid="retry-payment">Try again</a></p>` : ''}
  <p><a href="${state.backUrl}" data-testid="back-to-shop">${state.backLabel}</a></p>
</section>`;
}
