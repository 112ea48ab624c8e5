/**
 * Card-number detection for redaction. Hand-written: the Luhn check is a few lines and no installed
 * package offers it.
 */

/** 13–19 digits, single spaces or dashes allowed between them, not part of a longer word or id. */
export const CARD_NUMBER_CANDIDATE = /(?<![\w.-])\d(?:[ -]?\d){12,18}(?![\w-]|\.\d)/g;

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let digit = digits.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * True when the text (digits with optional spaces/dashes) is a plausible card number: 13–19 digits passing
 * Luhn. A bare 13-digit number starting with 1 is an epoch-milliseconds timestamp, not a card (no card
 * network issues 13-digit numbers starting with 1), so it is kept.
 */
export function looksLikeCardNumber(text: string): boolean {
  const digits = text.replace(/[ -]/g, '');
  if (!/^\d{13,19}$/.test(digits)) return false;
  if (digits.length === 13 && digits.startsWith('1') && digits === text) return false;
  return passesLuhn(digits);
}
