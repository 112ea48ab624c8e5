/** What a test card does, following Stripe's testing docs. */
export type CardOutcome =
  | { kind: 'approved' }
  | {
      kind: 'declined';
      code: 'card_declined' | 'expired_card';
      declineCode: string;
      /** The API error's `message`. */
      message: string;
      /** The text the hosted page shows the customer. */
      customerMessage: string;
    };

/** A card as the provider keeps it: never the full number or the CVC. */
export interface CardFacts {
  brand: 'visa';
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
  kind: 'declined', code: 'card_declined', declineCode: 'generic_decline',
  message: 'Your card was declined.', customerMessage: 'Your card was declined.',
};
const INSUFFICIENT_FUNDS: CardOutcome = {
  kind: 'declined', code: 'card_declined', declineCode: 'insufficient_funds',
  message: 'Your card has insufficient funds.', customerMessage: 'Your card has insufficient funds. Try a different card.',
};
const EXPIRED: CardOutcome = {
  kind: 'declined', code: 'expired_card', declineCode: 'expired_card',
  message: 'Your card has expired.', customerMessage: 'Your card has expired.',
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

/** The test card for a number typed on the page (spaces ignored), or undefined when it is not one. */
export function cardForNumber(number: string, expMonth: number, expYear: number): CardFacts | undefined {
  const card = CARDS_BY_NUMBER[number.replace(/[\s-]/g, '')];
  return card && { brand: 'visa', last4: card.last4, expMonth, expYear, fingerprint: card.fingerprint, outcome: card.outcome, threeDSecure: card.threeDSecure ?? false };
}

/** The test card behind a test PaymentMethod id such as `pm_card_visa`. */
export function cardForPaymentMethod(paymentMethod: string): CardFacts | undefined {
  const number = CARDS_BY_PAYMENT_METHOD[paymentMethod];
  const nextYear = new Date().getUTCFullYear() + 1;
  return number === undefined ? undefined : cardForNumber(number, 12, nextYear);
}

export function isTestPaymentMethod(paymentMethod: string): boolean {
  return paymentMethod in CARDS_BY_PAYMENT_METHOD;
}
