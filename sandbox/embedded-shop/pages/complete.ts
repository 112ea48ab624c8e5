import { formatMoney } from '../../currencies';
import { html, type SafeHtml } from '../../merchant/html';
import { subscriptionStatusLabel, type ShopSubscriptionStatus } from '../../merchant/subscriptionRecords';
import { orderStatusLabel, type KissaOrder } from '../orders';
import type { Signup } from '../signups';

/** The order confirmation, shown only once the provider says its payment intent succeeded. */
export function orderConfirmedBody(order: KissaOrder): SafeHtml {
  return html`
<section class="panel">
  <h1>Thank you, your tea is on its way</h1>
  <dl>
    <dt>Order</dt><dd data-testid="order-id">${order.id}</dd>
    <dt>Status</dt><dd data-testid="order-status">${orderStatusLabel(order)}</dd>
    <dt>Amount</dt><dd data-testid="order-amount">${formatMoney(order.amount, order.currency)}</dd>
    <dt>Receipt sent to</dt><dd data-testid="customer-email">${order.email}</dd>
    <dt>Payment reference</dt><dd data-testid="payment-intent-id">${order.paymentIntentId}</dd>
    <dt>Confirmation emails sent</dt><dd data-testid="confirmation-emails">${String(order.confirmationsSent)}</dd>
  </dl>
</section>`;
}

/** For one of our payments the provider reports as still processing (or waiting for the bank). */
export function paymentPendingBody(): SafeHtml {
  return html`
<section class="panel" data-testid="payment-pending">
  <h1>Your payment is pending</h1>
  <p class="note">The payment provider has not confirmed this payment yet. We will email you as soon as it has.</p>
</section>`;
}

/** For one of our payments the provider does not report as paid: no order details are shown. */
export function paymentNotConfirmedBody(retryUrl: string | undefined): SafeHtml {
  return html`
<section class="panel" data-testid="payment-not-confirmed">
  <h1>We have not received your payment</h1>
  <p>The payment provider has not confirmed this payment, so no order is shown.</p>
  ${retryUrl ? html`<p><a href="${retryUrl}" data-testid="retry-payment">Try the payment again</a></p>` : ''}
</section>`;
}

/** The sign-up confirmation: the subscription as the provider describes it right now. */
export function subscriptionConfirmedBody(signup: Signup, subscriptionId: string, status: ShopSubscriptionStatus): SafeHtml {
  return html`
<section class="panel">
  <h1>Welcome to the ${signup.planName}</h1>
  <dl>
    <dt>Sign-up</dt><dd data-testid="order-reference">${signup.id}</dd>
    <dt>Subscription</dt><dd data-testid="subscription-id">${subscriptionId}</dd>
    <dt>Status</dt><dd data-testid="subscription-status">${subscriptionStatusLabel(status)}</dd>
    <dt>Price</dt><dd data-testid="subscription-amount">${formatMoney(signup.amount, signup.currency)} a month</dd>
    <dt>Receipts sent to</dt><dd data-testid="customer-email">${signup.email}</dd>
    <dt>Payment reference</dt><dd data-testid="payment-intent-id">${signup.paymentIntentId}</dd>
  </dl>
  <p><a href="/account" data-testid="account-link">Manage your subscription</a></p>
</section>`;
}
