import { cardForPaymentMethod } from '../payments/testCards';

/** Stripe's declining test PaymentMethods, one per decline the sandbox knows. */
const DECLINING_TEST_METHODS = ['pm_card_chargeDeclined', 'pm_card_chargeDeclinedInsufficientFunds', 'pm_card_chargeDeclinedExpiredCard'];

/**
 * What the customer is told for each decline code, taken from the test cards themselves, so the Payment Element
 * words a decline exactly as the hosted page does. Other errors keep the API's message.
 */
export function customerDeclineMessages(): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const id of DECLINING_TEST_METHODS) {
    const outcome = cardForPaymentMethod(id)?.outcome;
    if (outcome?.kind === 'declined' && outcome.declineCode) messages[outcome.declineCode] = outcome.customerMessage;
  }
  return messages;
}
