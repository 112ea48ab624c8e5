import type Stripe from 'stripe';
import { docUrl, type ProviderApiError } from '../core/errors';
import { newId, randomBase62, unixNow } from '../core/ids';
import type { ProviderServices } from '../core/services';
import type { RequestRef } from '../events/eventLog';
import { recordBalanceTransaction } from './balanceTransactionObject';
import { settleInvoiceOfIntent } from '../billing/invoicePaymentOutcome';
import { saveCardForFutureUsage } from '../billing/paymentMethodObject';
import { billingDetailsObject } from './billingDetailsObject';
import { awaitCapture, holdCharge } from './manualCapture';
import { cardError } from './cardError';
import type { CardFacts, CardOutcome } from './testCards';

export interface BillingDetails {
  name: string | null;
  email: string | null;
  country: string | null;
  postalCode: string | null;
}

export type PaymentResult = { ok: true; charge: Stripe.Charge } | { ok: false; error: ProviderApiError };

/** One attempt to pay a PaymentIntent with a test card, as `payWithCard` is given it. */
export interface CardPayment {
  intent: Stripe.PaymentIntent;
  card: CardFacts;
  billing: BillingDetails;
  request: RequestRef;
  /** A stored PaymentMethod (`pm_…`) the card belongs to; otherwise a one-off id. */
  paymentMethodId?: string;
}

/**
 * Pays a PaymentIntent with a test card. Approved: a succeeded charge (`charge.succeeded`), then the
 * intent `succeeded` (`payment_intent.succeeded`); the charge has its balance transaction and
 * receipt URL. Declined: no charge; `last_payment_error` on the
 * intent and `payment_intent.payment_failed`, and the 402 `card_error` Stripe returns.
 * When the intent pays a subscription invoice, the invoice follows its outcome (`settleInvoiceOfIntent`).
 */
export function payWithCard(
  services: ProviderServices,
  intent: Stripe.PaymentIntent,
  card: CardFacts,
  billing: BillingDetails,
  request: RequestRef,
  /** A stored PaymentMethod (`pm_…`) the card belongs to; otherwise a one-off id. */
  paymentMethodId?: string,
): PaymentResult {
  const result = chargeCard(services, { intent, card, billing, request, paymentMethodId });
  settleInvoiceOfIntent(services, intent, result.ok, request);
  return result;
}

/** The 402 `card_error` Stripe answers for a declined card (with the failed PaymentIntent when there is one). */
export function cardDeclineError(outcome: Extract<CardOutcome, { kind: 'declined' }>, intent?: Stripe.PaymentIntent): ProviderApiError {
  const { code, declineCode, message } = outcome;
  return cardError({ code, declineCode, message, ...(code === 'expired_card' ? { param: 'exp_month' } : {}) }, intent);
}

function chargeCard(services: ProviderServices, payment: CardPayment): PaymentResult {
  const { intent, card, billing, request } = payment;
  if (card.outcome.kind === 'declined') {
    const { code, declineCode, message } = card.outcome;
    intent.status = 'requires_payment_method';
    intent.payment_method = null;
    intent.last_payment_error = {
      type: 'card_error',
      code,
      ...(declineCode ? { decline_code: declineCode } : {}),
      doc_url: docUrl(code),
      message,
      payment_method_type: 'card',
    };
    services.events.emit('payment_intent.payment_failed', intent, { request });
    return { ok: false, error: cardDeclineError(card.outcome, intent) };
  }

  // An intent with `setup_future_usage` (a subscription's first invoice) keeps the card for the customer.
  const paymentMethod = saveCardForFutureUsage(services, payment) ?? newId('pm');
  const charge = newCharge(intent, card, billing, paymentMethod);
  // `capture_method: 'manual'` only authorizes: no capture, no balance transaction yet (payments/manualCapture.ts).
  const manual = intent.capture_method === 'manual';
  if (manual) holdCharge(charge);
  else {
    const txn = recordBalanceTransaction(services, {
      amount: charge.amount,
      currency: charge.currency,
      source: charge.id,
      type: 'charge',
      description: charge.description,
    });
    charge.balance_transaction = txn.id;
  }
  charge.receipt_url = receiptUrl(services, charge.id);
  services.store.add('charge', charge);
  services.events.emit('charge.succeeded', charge, { request });
  intent.latest_charge = charge.id;
  intent.payment_method = paymentMethod;
  intent.last_payment_error = null;
  if (manual) {
    awaitCapture(services, intent, request);
    return { ok: true, charge };
  }
  intent.status = 'succeeded';
  intent.amount_received = intent.amount;
  services.events.emit('payment_intent.succeeded', intent, { request });
  return { ok: true, charge };
}

/** The charge's public receipt page (served without auth by `hosted/receiptPage.ts`, like Stripe's receipt links). */
export function receiptUrl(services: ProviderServices, chargeId: string): string {
  return `${services.baseUrl()}/receipts/${chargeId}`;
}

function newCharge(intent: Stripe.PaymentIntent, card: CardFacts, billing: BillingDetails, paymentMethod: string): Stripe.Charge {
  const id = newId('ch');
  return {
    id,
    object: 'charge',
    amount: intent.amount,
    amount_captured: intent.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: billingDetailsObject(billing),
    calculated_statement_descriptor: 'DRESS REHEARSAL',
    captured: true,
    created: unixNow(),
    currency: intent.currency,
    customer: typeof intent.customer === 'string' ? intent.customer : (intent.customer?.id ?? null),
    description: intent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: intent.livemode,
    metadata: { ...intent.metadata },
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: 'approved_by_network',
      reason: null,
      risk_level: 'normal',
      risk_score: 32,
      seller_message: 'Payment complete.',
      type: 'authorized',
    },
    paid: true,
    payment_intent: intent.id,
    payment_method: paymentMethod,
    payment_method_details: {
      card: {
        amount_authorized: intent.amount,
        authorization_code: null,
        brand: card.brand,
        checks: { address_line1_check: null, address_postal_code_check: billing.postalCode ? 'pass' : null, cvc_check: 'pass' },
        country: 'US',
        electronic_commerce_indicator: null,
        exp_month: card.expMonth,
        exp_year: card.expYear,
        extended_authorization: { status: 'disabled' },
        fingerprint: card.fingerprint,
        funding: 'credit',
        incremental_authorization: { status: 'unavailable' },
        installments: null,
        last4: card.last4,
        mandate: null,
        multicapture: { status: 'unavailable' },
        network: card.brand,
        network_token: { used: false },
        network_transaction_id: randomBase62(15),
        overcapture: { maximum_amount_capturable: intent.amount, status: 'unavailable' },
        regulated_status: 'unregulated',
        three_d_secure: null,
        transaction_link_id: null,
        wallet: null,
      },
      type: 'card',
    },
    receipt_email: intent.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    refunds: { object: 'list', data: [], has_more: false, url: `/v1/charges/${id}/refunds` },
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'succeeded',
    transfer_data: null,
    transfer_group: null,
  };
}
