import { formatMoney } from '../../currencies';
import { html, type SafeHtml } from '../../merchant/html';

export interface CheckoutPageState {
  /** What is being paid for: "Matcha set", "Kissa Tea Club (first month)". */
  description: string;
  amount: number;
  currency: string;
  paymentIntentId: string;
  clientSecret: string;
  publishableKey: string;
  /** Where Stripe.js sends the customer after a successful payment (`?payment_intent=…` is appended). */
  returnUrl: string;
}

/**
 * The shop's own payment page: the provider's Payment Element (an iframe: the card never touches this page), the
 * shop's own Pay button and a message area for what Stripe.js answers. /assets/checkout.js wires them together.
 */
export function checkoutBody(state: CheckoutPageState): SafeHtml {
  return html`
<section class="panel">
  <h1>Payment</h1>
  <p data-testid="checkout-summary">${state.description}: <span class="price" data-testid="checkout-amount">${formatMoney(state.amount, state.currency)}</span></p>
  <form id="payment-form" data-testid="payment-form"
        data-payment-intent="${state.paymentIntentId}" data-client-secret="${state.clientSecret}"
        data-publishable-key="${state.publishableKey}" data-return-url="${state.returnUrl}">
    <div id="payment-element" data-testid="payment-element"></div>
    <p class="message" role="alert" aria-live="polite" data-testid="payment-message"></p>
    <button type="submit" id="pay-button" data-testid="pay-button">Pay ${formatMoney(state.amount, state.currency)}</button>
  </form>
</section>`;
}

/** Loads Stripe.js from the provider, then the shop's script that mounts the Payment Element. */
export function checkoutScripts(providerUrl: string): SafeHtml {
  return html`<script src="${providerUrl}/v3/"></script>
<script src="/assets/checkout.js" defer></script>`;
}
