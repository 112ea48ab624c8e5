/**
 * What the sandbox's merchants accept in a form field, a query parameter or a URL before using it: anything else is
 * answered with the form again or a not-found page, never passed on to the provider.
 */

const ORDER_TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/** An order token as the form pages make them (a random UUID). */
export function isOrderToken(value: string): boolean {
  return ORDER_TOKEN.test(value);
}

/** A well-formed email address as the order forms accept it (at most 254 characters). */
export function isEmail(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}

/** Provider and merchant ids as they appear in the shops' URLs and forms. */
export const ID_PATTERNS = {
  checkoutSession: /^cs_[A-Za-z0-9_]{1,200}$/,
  paymentIntent: /^pi_[A-Za-z0-9_]{1,200}$/,
  subscription: /^sub_[A-Za-z0-9_]{1,200}$/,
  testClock: /^clock_[A-Za-z0-9_]{1,200}$/,
  order: /^ord_[0-9a-f]{16}$/,
} as const;

/** Why a Buy or Subscribe form's submit is sent back: the customer's sentence, and whether the email stays in. */
export interface OrderFormProblem {
  message: string;
  keepEmail: boolean;
}

/**
 * What is wrong with a Buy or Subscribe form's submit, if anything: a token that is not one the form pages make (a
 * stale or forged form), or an email address that is not well-formed.
 */
export function orderFormProblem(token: string, email: string): OrderFormProblem | undefined {
  if (!isOrderToken(token)) {
    return { message: 'This form has expired. Please check your email and try again.', keepEmail: true };
  }
  if (!isEmail(email)) return { message: 'Please enter a valid email address.', keepEmail: false };
  return undefined;
}
