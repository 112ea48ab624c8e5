import { html } from '../../merchant/html';
import { isZeroDecimal } from '../../currencies';
import { formatMoney } from '../../currencies';
import { orderStatus, refundableAmount, statusLabel, type Order } from '../orders';
import type { LedgerCommission } from '../referralLedger';

export interface AdminOrdersMessage {
  kind: 'notice' | 'error';
  text: string;
}

function refundForm(order: Order) {
  const refundable = refundableAmount(order);
  const status = orderStatus(order);
  if (status === 'pending' || status === 'payment_failed' || refundable <= 0) return html`<span>—</span>`;
  return html`
    <form method="post" action="/admin/orders/${order.id}/refund">
      <label for="refund-amount-${order.id}">Amount in ${isZeroDecimal(order.currency) ? order.currency.toUpperCase() : 'cents'} (blank: ${formatMoney(refundable, order.currency)})</label>
      <input type="text" inputmode="numeric" id="refund-amount-${order.id}" name="amount" data-testid="refund-amount-${order.id}">
      <div><button type="submit" data-testid="refund-button-${order.id}">Refund</button></div>
    </form>`;
}

function orderRow(order: Order) {
  const refunded = order.amountRefunded > 0 ? html`<br><small>refunded ${formatMoney(order.amountRefunded, order.currency)}</small>` : '';
  return html`
  <tr data-testid="order-row-${order.id}">
    <td>${order.id}<br><small>${new Date(order.createdAt * 1000).toISOString()}</small></td>
    <td>${order.email}${order.referralClickId ? html`<br><small>referral ${order.referralClickId}</small>` : ''}</td>
    <td>${formatMoney(order.amount, order.currency)}${refunded}</td>
    <td data-testid="order-status-${order.id}">${statusLabel(orderStatus(order))}</td>
    <td>${refundForm(order)}</td>
  </tr>`;
}

/** The partner commissions the referral platform's webhooks told the shop about (nothing when none arrived). */
function partnerCommissions(commissions: LedgerCommission[]) {
  if (commissions.length === 0) return '';
  return html`
  <h2>Partner commissions</h2>
  <p><small>As the referral platform's webhooks reported them.</small></p>
  <table data-testid="partner-commissions-table">
    <thead><tr><th>Commission</th><th>Partner</th><th>Amount</th><th>Status</th></tr></thead>
    <tbody>${commissions.map(
      (commission) => html`
      <tr data-testid="partner-commission-row-${commission.id}">
        <td>${commission.id}<br><small>conversion ${commission.conversion}</small></td>
        <td>${commission.partner}</td>
        <td>${/^[a-z]{3}$/i.test(commission.currency) ? formatMoney(commission.amount, commission.currency) : String(commission.amount)}</td>
        <td>${commission.status}</td>
      </tr>`,
    )}</tbody>
  </table>`;
}

export function adminOrdersBody(orders: Order[], message?: AdminOrdersMessage, commissions: LedgerCommission[] = []) {
  return html`
<section class="card">
  <h1>Orders</h1>
  ${message ? html`<p class="${message.kind}" role="status" data-testid="admin-${message.kind}">${message.text}</p>` : ''}
  ${
    orders.length === 0
      ? html`<p data-testid="no-orders">No orders yet.</p>`
      : html`<table data-testid="orders-table">
    <thead><tr><th>Order</th><th>Customer</th><th>Amount</th><th>Status</th><th>Refund</th></tr></thead>
    <tbody>${orders.map(orderRow)}</tbody>
  </table>`
  }
  ${partnerCommissions(commissions)}
  <form method="post" action="/admin/logout"><button type="submit" data-testid="admin-logout">Sign out</button></form>
</section>`;
}
