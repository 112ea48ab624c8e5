import { html } from '../../merchant/html';
import { formatMoney } from '../../currencies';
import { subscriptionStatusLabel, type SubscriptionRecord } from '../../merchant/subscriptionRecords';

export interface AccountMessage {
  kind: 'notice' | 'error';
  text: string;
}

function cancelButtons(record: SubscriptionRecord) {
  if (record.status === 'canceled') return html`<span>—</span>`;
  const atPeriodEnd =
    record.status === 'canceling_at_period_end'
      ? ''
      : html`<form method="post" action="/account/subscriptions/${record.id}/cancel">
      <input type="hidden" name="when" value="at_period_end">
      <button type="submit" data-testid="cancel-at-period-end-${record.id}">Cancel at the end of the period</button>
    </form>`;
  return html`
    ${atPeriodEnd}
    <form method="post" action="/account/subscriptions/${record.id}/cancel">
      <input type="hidden" name="when" value="now">
      <button type="submit" data-testid="cancel-now-${record.id}">Cancel now</button>
    </form>`;
}

function subscriptionRow(record: SubscriptionRecord) {
  // The status is the shop's own record, written only by the provider's webhooks.
  const status = record.status === null ? 'pending confirmation' : subscriptionStatusLabel(record.status);
  return html`
  <tr data-testid="subscription-row-${record.id}">
    <td>${record.planName}<br><small>${record.id}</small></td>
    <td>${formatMoney(record.amount, record.currency)}</td>
    <td data-testid="subscription-status-${record.id}">${status}</td>
    <td>${cancelButtons(record)}</td>
  </tr>`;
}

export function accountBody(records: SubscriptionRecord[], message?: AccountMessage) {
  return html`
<section class="card" data-testid="account">
  <h1>Your subscriptions</h1>
  ${message ? html`<p class="${message.kind}" role="status" data-testid="account-${message.kind}">${message.text}</p>` : ''}
  ${
    records.length === 0
      ? html`<p data-testid="no-subscriptions">No subscriptions yet. <a href="/pricing">See the plans</a>.</p>`
      : html`<table data-testid="subscriptions-table">
    <thead><tr><th>Plan</th><th>Price</th><th>Status</th><th></th></tr></thead>
    <tbody>${records.map(subscriptionRow)}</tbody>
  </table>`
  }
</section>`;
}

export function signedOutAccountBody() {
  return html`
<section class="card" data-testid="account-signed-out">
  <h1>Your subscriptions</h1>
  <p>Open the confirmation link from your sign-up on this device to see your subscriptions here.</p>
  <p><a href="/pricing">See the plans</a></p>
</section>`;
}
