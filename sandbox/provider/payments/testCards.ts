import { createHmac, randomBytes } from 'node:crypto';
import { KNOWN_STRIPE_TEST_CARD_NUMBERS } from '../../../contracts/stripeTestCards';

/** What a test card does, following Stripe's testing docs. */
export type CardOutcome =
  | { kind: 'approved' }
  | {
      kind: 'declined';
      code: 'card_declined' | 'expired_card';
      /** Absent where Stripe sends none (a known test card in live mode). */
      declineCode?: string;
      /** The API error's `message`. */
      message: string;
      /** The text the hosted page shows the customer. */
      customerMessage: string;
    };

/** A card as the provider keeps it: never the full number or the CVC. */
export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'unionpay' | 'unknown';

export interface CardFacts {
  brand: CardBrand;
  last4: string;
  expMonth: number;
  expYear: number;
  fingerprint: string;
  outcome: CardOutcome;
  /** The hosted page asks for a 3-D Secure challenge before paying (4000002760003184, 4000000000003220). */
  threeDSecure: boolean;
}

const APPROVED: CardOutcome = { kind: 'approved' };
const GENERIC_DECLINE: CardOutcome = {
  kind: 'declined',
  code: 'card_declined',
  declineCode: 'generic_decline',
  message: 'Your card was declined.',
  customerMessage: 'Your card was declined.',
};
const INSUFFICIENT_FUNDS: CardOutcome = {
  kind: 'declined',
  code: 'card_declined',
  declineCode: 'insufficient_funds',
  message: 'Your card has insufficient funds.',
  customerMessage: 'Your card has insufficient funds. Try a different card.',
};
const EXPIRED: CardOutcome = {
  kind: 'declined',
  code: 'expired_card',
  declineCode: 'expired_card',
  message: 'Your card has expired.',
  customerMessage: 'Your card has expired.',
};

interface TestCard {
  last4: string;
  fingerprint: string;
  outcome: CardOutcome;
  threeDSecure?: true;
}

/** Card numbers the hosted page accepts; any other number is "invalid". */
const CARDS_BY_NUMBER: Record<string, TestCard> = {
  '4242424242424242': { last4: '4242', fingerprint: 'sbxVisa4242Fp01', outcome: APPROVED },
  '4000000000000002': { last4: '0002', fingerprint: 'sbxVisa0002Fp01', outcome: GENERIC_DECLINE },
  '4000000000009995': { last4: '9995', fingerprint: 'sbxVisa9995Fp01', outcome: INSUFFICIENT_FUNDS },
  '4000000000000069': { last4: '0069', fingerprint: 'sbxVisa0069Fp01', outcome: EXPIRED },
  // Attaches to a customer, but every charge fails (Stripe's `pm_card_chargeCustomerFail`).
  '4000000000000341': { last4: '0341', fingerprint: 'sbxVisa0341Fp01', outcome: GENERIC_DECLINE },
  '4000002760003184': { last4: '3184', fingerprint: 'sbxVisa3184Fp01', outcome: APPROVED, threeDSecure: true },
  '4000000000003220': { last4: '3220', fingerprint: 'sbxVisa3220Fp01', outcome: APPROVED, threeDSecure: true },
};

/** Stripe's test PaymentMethod ids, for `confirm=true` through the API. */
const CARDS_BY_PAYMENT_METHOD: Record<string, string> = {
  pm_card_visa: '4242424242424242',
  pm_card_chargeDeclined: '4000000000000002',
  pm_card_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_chargeDeclinedExpiredCard: '4000000000000069',
  pm_card_chargeCustomerFail: '4000000000000341',
};

/** Stripe's message when a live-mode request uses one of its test cards (a 402 `card_declined`, no decline code). */
export const LIVE_MODE_TEST_CARD_MESSAGE = 'Your card was declined. Your request was in live mode, but used a known test card.';
const LIVE_MODE_TEST_CARD: CardOutcome = {
  kind: 'declined',
  code: 'card_declined',
  message: LIVE_MODE_TEST_CARD_MESSAGE,
  customerMessage: LIVE_MODE_TEST_CARD_MESSAGE,
};

/** In live mode every published test card is declined as a known test card (contracts/stripeTestCards.ts). */
const KNOWN_TEST_NUMBERS = new Set([...Object.keys(CARDS_BY_NUMBER), ...KNOWN_STRIPE_TEST_CARD_NUMBERS]);

/** Luhn checksum, as every card number carries. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

function brandOf(digits: string): CardBrand {
  if (/^4/.test(digits)) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^(6011|65|64[4-9])/.test(digits)) return 'discover';
  if (/^3(0[0-5]|[689])/.test(digits)) return 'diners';
  if (/^35/.test(digits)) return 'jcb';
  if (/^62/.test(digits)) return 'unionpay';
  return 'unknown';
}

/** Keyed per process, so a fingerprint says "same card" without the number being recoverable from it. */
const FINGERPRINT_KEY = randomBytes(32);
function fingerprintOf(digits: string): string {
  return createHmac('sha256', FINGERPRINT_KEY).update(digits).digest('base64url').replace(/[-_]/g, '').slice(0, 16);
}

/**
 * The card for a number typed on the page (spaces ignored), or undefined when the page must call it invalid.
 * Test mode: only the test cards above. Live mode: every known test card is declined ("…used a known test
 * card."), and any other Luhn-valid number pays (the expiry is checked by the caller).
 */
export function cardForNumber(number: string, expMonth: number, expYear: number, livemode = false): CardFacts | undefined {
  const digits = number.replace(/[\s-]/g, '');
  if (livemode) {
    if (!KNOWN_TEST_NUMBERS.has(digits) && !luhnValid(digits)) return undefined;
    const outcome = KNOWN_TEST_NUMBERS.has(digits) ? LIVE_MODE_TEST_CARD : APPROVED;
    return {
      brand: brandOf(digits),
      last4: digits.slice(-4),
      expMonth,
      expYear,
      fingerprint: fingerprintOf(digits),
      outcome,
      threeDSecure: false,
    };
  }
  const card = CARDS_BY_NUMBER[digits];
  return (
    card && {
      brand: 'visa',
      last4: card.last4,
      expMonth,
      expYear,
      fingerprint: card.fingerprint,
      outcome: card.outcome,
      threeDSecure: card.threeDSecure ?? false,
    }
  );
}

/** The test card behind a test PaymentMethod id such as `pm_card_visa` (in live mode: declined as a test card). */
export function cardForPaymentMethod(paymentMethod: string, livemode = false): CardFacts | undefined {
  const number = CARDS_BY_PAYMENT_METHOD[paymentMethod];
  const nextYear = new Date().getUTCFullYear() + 1;
  return number === undefined ? undefined : cardForNumber(number, 12, nextYear, livemode);
}

export function isTestPaymentMethod(paymentMethod: string): boolean {
  return paymentMethod in CARDS_BY_PAYMENT_METHOD;
}
