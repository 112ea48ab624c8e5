import { formatMoney } from '../../currencies';
import { html, type SafeHtml } from '../../merchant/html';
import { subscriptionStatusLabel, type SubscriptionRecord } from '../../merchant/subscriptionRecords';

export interface AccountNotice {
  kind: 'note' | 'alert';
  text: string;
}

function cancelForm(record: SubscriptionRecord, when: 'now' | 'at_period_end', label: string) {
  const testId = when === 'now' ? `cancel-now-${record.id}` : `cancel-at-period-end-${record.id}`;
  return html`<form method="post" action="/account/subscriptions/${record.id}/cancel">
      <input type="hidden" name="when" value="${when}"><button type="submit" data-testid="${testId}">${label}</button>
    </form>`;
}

function subscriptionItem(record: SubscriptionRecord) {
  // The status is the shop's own record, written only by the provider's webhooks.
  const status = record.status === null ? 'pending confirmation' : subscriptionStatusLabel(record.status);
  const open = record.status !== 'canceled';
  return html`
  <li data-testid="subscription-row-${record.id}">
    <strong>${record.planName}</strong>, ${formatMoney(record.amount, record.currency)} a month <small>(${record.id})</small><br>
    Status: <span data-testid="subscription-status-${record.id}">${status}</span>
    ${open && record.status !== 'canceling_at_period_end' ? cancelForm(record, 'at_period_end', 'Cancel at the end of this month') : ''}
    ${open ? cancelForm(record, 'now', 'Cancel now') : ''}
  </li>`;
}

/** The signed-in customer's subscriptions with their status and cancel buttons. */
export function accountBody(records: SubscriptionRecord[], notice?: AccountNotice): SafeHtml {
  return html`
<section class="panel" data-testid="account">
  <h1>Your Tea Club</h1>
  ${notice ? html`<p class="${notice.kind}" role="status" data-testid="account-${notice.kind === 'note' ? 'notice' : 'error'}">${notice.text}</p>` : ''}
  ${
    records.length === 0
      ? html`<p data-testid="no-subscriptions">You have no subscription yet. <a href="/pricing">Join the Tea Club</a>.</p>`
      : html`<ul class="subscriptions" data-testid="subscriptions-table">${records.map(subscriptionItem)}</ul>`
  }
</section>`;
}

export function signedOutAccountBody(): SafeHtml {
  return html`
<section class="panel" data-testid="account-signed-out">
  <h1>Your Tea Club</h1>
  <p>Open the confirmation page of your sign-up on this device to see your subscription here.</p>
  <p><a href="/pricing">Join the Tea Club</a></p>
</section>`;
}
