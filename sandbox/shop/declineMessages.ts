import type Stripe from 'stripe';

/** What the "payment did not go through" page needs to know about the last failed attempt. */
export interface PaymentProblem {
  type: string | null;
  code: string | null;
  declineCode: string | null;
  message: string | null;
}

export function problemOf(error: Stripe.PaymentIntent.LastPaymentError | null | undefined): PaymentProblem | null {
  if (!error) return null;
  return { type: error.type ?? null, code: error.code ?? null, declineCode: error.decline_code ?? null, message: error.message ?? null };
}

const MESSAGES = {
  declined: 'Your card was declined. Try another card or contact your bank.',
  insufficientFunds: 'Your card has insufficient funds. Try another card or contact your bank.',
  expired: 'Your card has expired. Check the expiry date or try another card.',
  incorrectCvc: "Your card's security code is not right. Check it and try again.",
  incorrectNumber: 'Your card number is not right. Check it and try again.',
  authentication: 'We could not confirm your card with your bank (3-D Secure). Try again, or use another card.',
  processing: 'We could not process your card just now. Please try again in a moment.',
  other: 'Your payment did not go through. Try another card or contact your bank.',
} as const;

/**
 * A friendly sentence for the customer. It never contains the error's type, code, decline code or the
 * provider's own message: those are for the merchant's logs, and some (lost_card, fraudulent) must not be
 * told to the person holding the card.
 */
export function friendlyDeclineMessage(problem: PaymentProblem): string {
  const reasons = [problem.declineCode, problem.code];
  const has = (...codes: string[]) => reasons.some((reason) => reason !== null && codes.includes(reason));
  if (has('insufficient_funds')) return MESSAGES.insufficientFunds;
  if (has('expired_card')) return MESSAGES.expired;
  if (has('incorrect_cvc', 'invalid_cvc')) return MESSAGES.incorrectCvc;
  if (has('incorrect_number', 'invalid_number')) return MESSAGES.incorrectNumber;
  if (
    has('payment_intent_authentication_failure', 'authentication_required', 'authentication_failure', 'setup_intent_authentication_failure')
  ) {
    return MESSAGES.authentication;
  }
  if (has('processing_error', 'try_again_later')) return MESSAGES.processing;
  if (
    has('card_declined', 'generic_decline', 'do_not_honor', 'lost_card', 'stolen_card', 'fraudulent', 'pickup_card', 'card_not_supported')
  ) {
    return MESSAGES.declined;
  }
  return MESSAGES.other;
}

/** The defect `shop.raw-decline-error` prints instead: the provider's error as it came. */
export function rawDeclineText(problem: PaymentProblem): string {
  return [problem.type, problem.code, problem.declineCode].filter(Boolean).join(' / ') + (problem.message ? `: ${problem.message}` : '');
}
