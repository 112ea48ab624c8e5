import { html } from '../../merchant/html';
import { formatMoney } from '../../currencies';
import { subscriptionStatusLabel, type ShopSubscriptionStatus } from '../../merchant/subscriptionRecords';
import type { Signup } from '../subscriptions';

export function subscriptionConfirmedBody(signup: Signup, subscriptionId: string, status: ShopSubscriptionStatus) {
  return html`
<section class="card">
  <h1>Welcome to the ${signup.planName}</h1>
  <dl>
    <dt>Order</dt><dd data-testid="order-reference">${signup.id}</dd>
    <dt>Subscription</dt><dd data-testid="subscription-id">${subscriptionId}</dd>
    <dt>Status</dt><dd data-testid="subscription-status">${subscriptionStatusLabel(status)}</dd>
    <dt>Price</dt><dd data-testid="subscription-amount">${formatMoney(signup.amount, signup.currency)}</dd>
    <dt>Receipts sent to</dt><dd data-testid="customer-email">${signup.email}</dd>
    <dt>Payment reference</dt><dd data-testid="checkout-session-id">${signup.checkoutSessionId}</dd>
  </dl>
  <p><a href="/account" data-testid="account-link">Manage your subscription</a></p>
</section>`;
}
