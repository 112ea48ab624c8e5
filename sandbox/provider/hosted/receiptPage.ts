import type { FastifyInstance } from 'fastify';
import type Stripe from 'stripe';
import type { ProviderServices } from '../core/services';
import { sendPage } from './checkoutPage';
import { escapeHtml, formatAmount, layout } from './renderCheckoutPage';

const TITLE = 'Receipt — Dress Rehearsal sandbox';

function brandName(brand: string | null): string {
  return brand ? brand.charAt(0).toUpperCase() + brand.slice(1) : 'Card';
}

function row(testId: string, label: string, value: string): string {
  return `<li><span>${escapeHtml(label)}</span><span data-testid="${testId}">${value}</span></li>`;
}

/** A charge's receipt: amount, currency, card brand and last4 (the sandbox never has more of the number), date, refunds. */
export function renderReceiptPage(charge: Stripe.Charge): string {
  const card = charge.payment_method_details?.card;
  const paidAt = new Date(charge.created * 1000);
  const date = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(paidAt);
  const rows = [
    row('receipt-amount', 'Amount paid', escapeHtml(formatAmount(charge.amount, charge.currency))),
    row('receipt-currency', 'Currency', escapeHtml(charge.currency.toUpperCase())),
    row('receipt-date', 'Date paid', `<time datetime="${paidAt.toISOString()}">${escapeHtml(date)}</time>`),
    card
      ? row(
          'receipt-card',
          'Payment method',
          `${escapeHtml(brandName(card.brand))} – <span data-testid="receipt-last4">${escapeHtml(card.last4 ?? '')}</span>`,
        )
      : '',
    charge.amount_refunded > 0
      ? row('receipt-refunded', 'Refunded', escapeHtml(formatAmount(charge.amount_refunded, charge.currency)))
      : '',
  ].join('');
  const description = charge.description ? `<p data-testid="receipt-description">${escapeHtml(charge.description)}</p>` : '';
  return layout(
    TITLE,
    `<main><section><h1>Receipt from ${escapeHtml(charge.calculated_statement_descriptor ?? 'Dress Rehearsal')}<span class="badge">Test mode</span></h1>
<p>Receipt for <span data-testid="receipt-charge">${escapeHtml(charge.id)}</span></p>${description}<ul>${rows}</ul></section></main>`,
  );
}

function renderMissingReceipt(): string {
  return layout(TITLE, '<main><section><h1 data-testid="receipt-missing">This receipt does not exist.</h1></section></main>');
}

/** `GET /receipts/:chargeId`: a charge's public receipt page (no API key, like Stripe's receipt links). */
export function registerReceipts(app: FastifyInstance, services: ProviderServices): void {
  app.get<{ Params: { chargeId: string } }>('/receipts/:chargeId', (request, reply) => {
    const charge = services.store.get('charge', request.params.chargeId);
    if (!charge) sendPage(reply, renderMissingReceipt(), 404);
    else sendPage(reply, renderReceiptPage(charge));
  });
}
