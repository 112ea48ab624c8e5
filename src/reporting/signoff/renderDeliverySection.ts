import { DELIVERY_SECTION_HREF } from './deliveryEvidence';
import type { EndpointDeliveries, PendingWebhooksDeliveries, WebhookDeliveries } from './deliveryTotals';
import { PENDING_WEBHOOKS_NOTE, SENDER_LABEL, SOURCE_LABEL, sinkSummary, troubledDeliveryText } from './deliveryWords';
import { safe } from './html';
import type { SignoffDocument } from './signoffDocument';

/**
 * "Webhook deliveries": a row per merchant endpoint (`data-testid="delivery-endpoint"`, `data-url`): who sends, the
 * URL, events delivered of all, success rate, attempts, failed attempts, where the evidence came from; a row for the
 * provider's pending_webhooks counts; what the harness's sink did (`delivery-sink`); then every delivery that failed
 * or needed retries with its attempts (`delivery-trouble`). Nothing at all when the run recorded no delivery.
 */
export function renderDeliverySection({ deliveries }: SignoffDocument): string {
  if (!deliveries) return '';
  const rows = [...deliveries.endpoints.map(endpointRow), ...(deliveries.pendingWebhooks ? [pendingRow(deliveries.pendingWebhooks)] : [])];
  return [
    `<h2 id="${DELIVERY_SECTION_HREF.slice(1)}">Webhook deliveries</h2>`,
    '<p class="small muted">Every webhook delivery the tests looked at, per merchant endpoint: the success rate is the events delivered ÷ the events sent to it.</p>',
    rows.length
      ? '<table class="deliveries" data-testid="deliveries">' +
        '<thead><tr><th>Sender</th><th>Endpoint</th><th>Events delivered</th><th>Success rate</th><th>Attempts</th><th>Failed attempts</th><th>Evidence from</th></tr></thead>' +
        `<tbody>${rows.join('')}</tbody></table>`
      : '<p class="muted" data-testid="deliveries-none">No delivery to a merchant endpoint was recorded.</p>',
    deliveries.sink
      ? `<p data-testid="delivery-sink">The harness's own sink (not a merchant endpoint, not counted above): ${safe(sinkSummary(deliveries.sink))}.</p>`
      : '',
    renderTroubled(deliveries),
  ].join('');
}

function endpointRow(row: EndpointDeliveries): string {
  const flagged = row.failed + row.retrying > 0 ? ' class="row-failed"' : row.failedAttempts > 0 ? ' class="row-warning"' : '';
  const left = [row.failed > 0 ? `${row.failed} failed` : '', row.retrying > 0 ? `${row.retrying} still retrying` : '']
    .filter(Boolean)
    .join(', ');
  return (
    `<tr data-testid="delivery-endpoint" data-url="${safe(row.url)}"${flagged}>` +
    `<td>${safe(SENDER_LABEL[row.sender])}</td><td><code>${safe(row.url)}</code></td>` +
    `<td>${row.delivered} of ${row.events}${left ? `<div class="small muted">${safe(left)}</div>` : ''}</td>` +
    `<td>${safe(row.successRate)} %</td>` +
    `<td>${row.attempts}<div class="small muted">${row.firstAttemptSuccesses} delivered at the first attempt</div></td>` +
    `<td>${row.failedAttempts}</td>` +
    `<td>${safe(row.sources.map((source) => SOURCE_LABEL[source]).join(', '))}</td></tr>`
  );
}

function pendingRow(pending: PendingWebhooksDeliveries): string {
  const flagged = pending.undelivered > 0 ? ' class="row-failed"' : '';
  const left = pending.undelivered > 0 ? `<div class="small muted">${pending.undelivered} still pending</div>` : '';
  return (
    `<tr data-testid="delivery-pending-webhooks"${flagged}>` +
    `<td>${safe(SENDER_LABEL.provider)}</td><td>every provider endpoint <div class="small muted">${safe(PENDING_WEBHOOKS_NOTE)}</div></td>` +
    `<td>${pending.delivered} of ${pending.events}${left}</td><td>${safe(pending.successRate)} %</td>` +
    '<td class="muted">not shown</td><td class="muted">not shown</td>' +
    `<td>${safe(SOURCE_LABEL['provider-pending-webhooks'])}</td></tr>`
  );
}

function renderTroubled({ troubled }: WebhookDeliveries): string {
  if (troubled.length === 0)
    return '<p class="muted" data-testid="delivery-troubles-none">Every delivery succeeded at its first attempt.</p>';
  return (
    '<h3>Deliveries that failed or needed retries</h3>' +
    `<ul class="warnings" data-testid="delivery-troubles">${troubled
      .map(
        (delivery) => `<li data-testid="delivery-trouble" data-outcome="${delivery.outcome}">${safe(troubledDeliveryText(delivery))}</li>`,
      )
      .join('')}</ul>`
  );
}
