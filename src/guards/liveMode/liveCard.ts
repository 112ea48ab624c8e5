import type { LiveCardSettings } from '../../model/config/liveSettings';
import { LIVE_CARD_VARIABLES } from '../../model/config/liveSettings';
import { passesLuhn } from '../../base/cardNumber';
import type { Card } from '../../model/target/contract';
import { TEST_CARDS } from '../../model/target/testCards';
import { KNOWN_TEST_CARD_NUMBERS } from './stripeTestCardNumbers';

/** The card a scenario pays with, and how step titles name it (never more than the last four digits). */
export interface PaymentCard extends Card {
  /** e.g. "4242…" in test mode, "the live card …0077" in live mode. */
  label: string;
  /** The cardholder's name and postal code, when the operator gave them (live mode). */
  holderName?: string;
  postalCode?: string;
}

/** Test mode pays with Stripe's 4242… test card. */
export const TEST_PAYMENT_CARD: PaymentCard = { ...TEST_CARDS.succeeds, label: '4242…' };

function digits(number: string): string {
  return number.replace(/[ -]/g, '');
}

/** Month and two-digit year of MM/YY (also MM / YY and MM/YYYY), or undefined. */
export function parseExpiry(expiry: string): { month: number; year: number } | undefined {
  const match = /^(\d{1,2})\s*\/\s*(\d{2}|\d{4})$/.exec(expiry.trim());
  if (!match) return undefined;
  const month = Number(match[1]);
  const year = Number(match[2]!.length === 4 ? match[2]!.slice(2) : match[2]);
  return month >= 1 && month <= 12 ? { month, year } : undefined;
}

/** Every problem with the operator's live card, each a short phrase naming the variable; empty when it is complete. */
export function liveCardProblems(card: LiveCardSettings, now: Date = new Date()): string[] {
  const v = LIVE_CARD_VARIABLES;
  const problems: string[] = [];
  if (card.number === undefined) problems.push(`${v.number} is not set`);
  else if (!/^[\d -]+$/.test(card.number) || !/^\d{13,19}$/.test(digits(card.number)) || !passesLuhn(digits(card.number))) {
    problems.push(`${v.number} is not a card number (13-19 digits passing the Luhn check)`);
  } else if (KNOWN_TEST_CARD_NUMBERS.has(digits(card.number))) {
    problems.push(`${v.number} is one of Stripe's test cards`);
  }
  if (card.expiry === undefined) problems.push(`${v.expiry} is not set`);
  else {
    const expiry = parseExpiry(card.expiry);
    if (!expiry) problems.push(`${v.expiry} is not MM/YY`);
    else {
      // A card is valid through the last day of its expiry month.
      const thisYear = now.getUTCFullYear() % 100;
      const thisMonth = now.getUTCMonth() + 1;
      if (expiry.year < thisYear || (expiry.year === thisYear && expiry.month < thisMonth)) problems.push(`${v.expiry} has passed`);
    }
  }
  if (card.cvc === undefined) problems.push(`${v.cvc} is not set`);
  else if (!/^\d{3,4}$/.test(card.cvc)) problems.push(`${v.cvc} is not 3 or 4 digits`);
  return problems;
}

/** The operator's card as the payment page takes it; call only once liveCardProblems() is empty. */
export function livePaymentCard(card: LiveCardSettings): PaymentCard {
  const problems = liveCardProblems(card);
  if (problems.length > 0) throw new Error(`The live card is not usable: ${problems.join(', ')}.`);
  const number = digits(card.number!);
  const expiry = parseExpiry(card.expiry!)!;
  return {
    number,
    expiry: `${String(expiry.month).padStart(2, '0')} / ${String(expiry.year).padStart(2, '0')}`,
    cvc: card.cvc!,
    label: `the live card …${number.slice(-4)}`,
    ...(card.name !== undefined ? { holderName: card.name } : {}),
    ...(card.postalCode !== undefined ? { postalCode: card.postalCode } : {}),
  };
}
