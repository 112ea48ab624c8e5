import Stripe from 'stripe';
import { randomBytes } from 'node:crypto';

const sdk = new Stripe('sk_test_signing_only');

function id(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

function envelope<E extends Stripe.Event>(type: E['type'], object: unknown, created = Math.floor(Date.now() / 1000)): E {
  return {
    id: id('evt'),
    object: 'event',
    api_version: Stripe.API_VERSION,
    created,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  } as unknown as E;
}

export interface PaidSession {
  clickId?: string | null;
  metadata?: Record<string, string>;
  amountTotal?: number;
  amountTax?: number;
  paymentStatus?: 'paid' | 'unpaid' | 'no_payment_required';
  customer?: string | null;
  paymentIntent?: string;
  sessionId?: string;
  created?: number;
}

/** `checkout.session.completed` for a one-off payment, shaped as the shop creates sessions. */
export function checkoutCompleted(sale: PaidSession = {}): Stripe.CheckoutSessionCompletedEvent {
  const clickId = sale.clickId ?? null;
  const session = {
    id: sale.sessionId ?? id('cs_test'),
    object: 'checkout.session',
    mode: 'payment',
    status: 'complete',
    payment_status: sale.paymentStatus ?? 'paid',
    amount_subtotal: sale.amountTotal ?? 2000,
    amount_total: sale.amountTotal ?? 2000,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: sale.amountTax ?? 0 },
    currency: 'usd',
    client_reference_id: clickId,
    metadata: sale.metadata ?? (clickId ? { referral_click_id: clickId, order_id: id('ord') } : {}),
    customer: sale.customer ?? null,
    customer_details: { email: 'buyer@example.test' },
    customer_email: 'buyer@example.test',
    payment_intent: sale.paymentIntent ?? id('pi'),
    invoice: null,
    livemode: false,
  };
  return envelope('checkout.session.completed', session, sale.created);
}

/** `invoice.paid` for a subscription period of `customer`. */
export function invoicePaid(options: {
  customer: string;
  amountPaid?: number;
  clickId?: string;
  invoiceId?: string;
}): Stripe.InvoicePaidEvent {
  const invoice = {
    id: options.invoiceId ?? id('in'),
    object: 'invoice',
    status: 'paid',
    customer: options.customer,
    customer_email: 'buyer@example.test',
    amount_paid: options.amountPaid ?? 1500,
    total: options.amountPaid ?? 1500,
    total_excluding_tax: options.amountPaid ?? 1500,
    currency: 'usd',
    metadata: {},
    lines: { object: 'list', data: [{ quantity: 1 }], has_more: false, url: '/v1/invoices/lines' },
    parent: {
      type: 'subscription_details',
      subscription_details: { subscription: id('sub'), metadata: options.clickId ? { referral_click_id: options.clickId } : {} },
    },
    livemode: false,
  };
  return envelope('invoice.paid', invoice);
}

/** `charge.refunded` after `amountRefunded` (cumulative) of a `amount` charge was refunded. */
export function chargeRefunded(options: { paymentIntent: string; amount?: number; amountRefunded: number }): Stripe.ChargeRefundedEvent {
  const amount = options.amount ?? 2000;
  const charge = {
    id: id('ch'),
    object: 'charge',
    amount,
    amount_refunded: options.amountRefunded,
    refunded: options.amountRefunded >= amount,
    currency: 'usd',
    payment_intent: options.paymentIntent,
    livemode: false,
  };
  return envelope('charge.refunded', charge);
}

/** Delivers a provider event to the platform, signed with `secret` the way Stripe signs (unless told otherwise). */
export async function deliverProviderEvent(
  platformUrl: string,
  event: Stripe.Event,
  secret: string | null,
): Promise<{ status: number; body: { received?: boolean; outcome?: string; error?: { code: string } } }> {
  const payload = JSON.stringify(event);
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (secret) headers['stripe-signature'] = sdk.webhooks.generateTestHeaderString({ payload, secret });
  const response = await fetch(`${platformUrl}/v1/provider/webhooks`, { method: 'POST', headers, body: payload });
  return { status: response.status, body: (await response.json()) as never };
}
