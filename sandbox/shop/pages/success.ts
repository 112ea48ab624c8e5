import { html } from '../../merchant/html';
import { formatMoney } from '../../currencies';
import { orderStatus, statusLabel, type Order } from '../orders';

export function orderConfirmedBody(order: Order) {
  return html`
<section class="card">
  <h1>Thank you for your order</h1>
  <dl>
    <dt>Order</dt><dd data-testid="order-id">${order.id}</dd>
    <dt>Status</dt><dd data-testid="order-status">${statusLabel(orderStatus(order))}</dd>
    <dt>Amount</dt><dd data-testid="order-amount">${formatMoney(order.amount, order.currency)}</dd>
    <dt>Receipt sent to</dt><dd data-testid="customer-email">${order.email}</dd>
    <dt>Payment reference</dt><dd data-testid="checkout-session-id">${order.checkoutSessionId}</dd>
    <dt>Confirmation emails sent</dt><dd data-testid="confirmation-emails">${String(order.confirmationsSent)}</dd>
  </dl>
</section>`;
}

/** For a session the provider does not (yet) report as paid: no order details are shown. */
export function paymentNotConfirmedBody() {
  return html`
<section class="card" data-testid="payment-not-confirmed">
  <h1>We have not received your payment</h1>
  <p>The payment provider has not confirmed this payment, so no order is shown.
     If you completed the payment, it may still be on its way; otherwise you can try again.</p>
  <p><a href="/products/tshirt">Back to the shop</a></p>
</section>`;
}
