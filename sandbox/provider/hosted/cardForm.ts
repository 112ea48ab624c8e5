import type { BillingDetails } from '../payments/payWithCard';
import { cardForNumber, type CardFacts } from '../payments/testCards';

/** The fields of Stripe's hosted Checkout form, by their `name`. */
export interface CardFormFields {
  email: string;
  cardNumber: string;
  cardExpiry: string;
  cardCvc: string;
  billingName: string;
  billingCountry: string;
  billingPostalCode: string;
}

export type CardFormResult =
  { ok: true; card: CardFacts; billing: BillingDetails } | { ok: false; kind: 'card' | 'field'; message: string };

/** Countries that must give a postal code on Stripe's page. */
const POSTAL_CODE_REQUIRED = new Set(['US', 'GB', 'CA']);

export function fieldsOf(body: unknown): CardFormFields {
  const form = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');
  return {
    email: text('email'),
    cardNumber: text('cardNumber'),
    cardExpiry: text('cardExpiry'),
    cardCvc: text('cardCvc'),
    billingName: text('billingName'),
    billingCountry: text('billingCountry').toUpperCase() || 'US',
    billingPostalCode: text('billingPostalCode'),
  };
}

/** Expiry as typed: "MM / YY", "MM/YY", "MMYY" (and four-digit years). */
export function parseExpiry(raw: string): { month: number; year: number } | undefined {
  const match = /^(\d{2})\/?(\d{2}|\d{4})$/.exec(raw.replace(/\s+/g, ''));
  if (!match) return undefined;
  const month = Number(match[1]);
  const year = match[2]!.length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  return month >= 1 && month <= 12 ? { month, year } : undefined;
}

/** Checks the form the way Stripe's page does before it tries the card; the messages are the page's own. */
export function readCardForm(fields: CardFormFields, now = new Date(), livemode = false): CardFormResult {
  if (fields.email === '') return { ok: false, kind: 'field', message: 'Your email address is incomplete.' };
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(fields.email)) return { ok: false, kind: 'field', message: 'Your email address is invalid.' };
  const digits = fields.cardNumber.replace(/[\s-]/g, '');
  if (digits === '') return { ok: false, kind: 'card', message: 'Your card number is incomplete.' };
  if (fields.cardExpiry === '') return { ok: false, kind: 'card', message: "Your card's expiration date is incomplete." };
  const expiry = parseExpiry(fields.cardExpiry);
  if (!expiry) return { ok: false, kind: 'card', message: "Your card's expiration date is incomplete." };
  const thisYear = now.getUTCFullYear();
  if (expiry.year < thisYear) return { ok: false, kind: 'card', message: "Your card's expiration year is in the past." };
  if (expiry.year === thisYear && expiry.month < now.getUTCMonth() + 1)
    return { ok: false, kind: 'card', message: "Your card's expiration date is in the past." };
  if (!/^\d{3,4}$/.test(fields.cardCvc)) return { ok: false, kind: 'card', message: "Your card's security code is incomplete." };
  if (fields.billingName === '') return { ok: false, kind: 'field', message: 'Your name is incomplete.' };
  if (POSTAL_CODE_REQUIRED.has(fields.billingCountry) && fields.billingPostalCode === '') {
    return {
      ok: false,
      kind: 'field',
      message: fields.billingCountry === 'US' ? 'Your ZIP is incomplete.' : 'Your postal code is incomplete.',
    };
  }
  const card = cardForNumber(digits, expiry.month, expiry.year, livemode);
  if (!card) return { ok: false, kind: 'card', message: 'Your card number is invalid.' };
  return {
    ok: true,
    card,
    billing: {
      name: fields.billingName,
      email: fields.email,
      country: fields.billingCountry,
      postalCode: fields.billingPostalCode || null,
    },
  };
}
