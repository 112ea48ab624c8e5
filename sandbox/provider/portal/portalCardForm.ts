import { parseExpiry } from '../hosted/cardForm';
import type { BillingDetails } from '../payments/payWithCard';
import { cardForNumber, type CardFacts } from '../payments/testCards';

/** The portal's card form, by the hosted Checkout page's field names (no email, no cardholder name: Stripe's asks neither). */
export interface PortalCardFields {
  cardNumber: string;
  cardExpiry: string;
  cardCvc: string;
  billingCountry: string;
  billingPostalCode: string;
}

export type PortalCardResult = { ok: true; card: CardFacts; billing: BillingDetails } | { ok: false; message: string };

const POSTAL_CODE_REQUIRED = new Set(['US', 'GB', 'CA']);

/**
 * Stripe's test card that attaches to a customer and then fails every charge (`pm_card_chargeCustomerFail`): saving
 * it succeeds, as at Stripe; the other declining test cards are refused when saved, as a setup fails with them.
 */
const ATTACHES_THEN_DECLINES_LAST4 = '0341';

export function portalCardFieldsOf(body: unknown): PortalCardFields {
  const form = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');
  return {
    cardNumber: text('cardNumber'),
    cardExpiry: text('cardExpiry'),
    cardCvc: text('cardCvc'),
    billingCountry: text('billingCountry').toUpperCase() || 'US',
    billingPostalCode: text('billingPostalCode'),
  };
}

/** Checks the card as the hosted page does (same messages), then whether it can be saved. Never keeps the number. */
export function readPortalCardForm(fields: PortalCardFields, now: Date, livemode: boolean): PortalCardResult {
  const digits = fields.cardNumber.replace(/[\s-]/g, '');
  if (digits === '') return { ok: false, message: 'Your card number is incomplete.' };
  const expiry = parseExpiry(fields.cardExpiry);
  if (!expiry) return { ok: false, message: "Your card's expiration date is incomplete." };
  const thisYear = now.getUTCFullYear();
  if (expiry.year < thisYear) return { ok: false, message: "Your card's expiration year is in the past." };
  if (expiry.year === thisYear && expiry.month < now.getUTCMonth() + 1)
    return { ok: false, message: "Your card's expiration date is in the past." };
  if (!/^\d{3,4}$/.test(fields.cardCvc)) return { ok: false, message: "Your card's security code is incomplete." };
  if (POSTAL_CODE_REQUIRED.has(fields.billingCountry) && fields.billingPostalCode === '') {
    return { ok: false, message: fields.billingCountry === 'US' ? 'Your ZIP is incomplete.' : 'Your postal code is incomplete.' };
  }
  const card = cardForNumber(digits, expiry.month, expiry.year, livemode);
  if (!card) return { ok: false, message: 'Your card number is invalid.' };
  if (card.outcome.kind === 'declined' && (livemode || card.last4 !== ATTACHES_THEN_DECLINES_LAST4))
    return { ok: false, message: card.outcome.customerMessage };
  return {
    ok: true,
    card,
    billing: { name: null, email: null, country: fields.billingCountry, postalCode: fields.billingPostalCode || null },
  };
}
