import Stripe from 'stripe';
import type { FailureLog } from './failureLog';

export type CancelOutcome = { ok: true } | { ok: false; status: 409 | 502; message: string };

/**
 * Asks the provider to cancel a customer's subscription, now (`DELETE`) or at the end of the period
 * (`cancel_at_period_end`, with an idempotency key so a double click asks once). A refusal is one sentence for
 * the customer: 409 when the provider says it can no longer be canceled, 502 when it could not be reached.
 */
export async function cancelAtProvider(
  stripe: Stripe,
  subscriptionId: string,
  when: 'now' | 'at_period_end',
  options: { idempotencyPrefix: string; logFailure: FailureLog },
): Promise<CancelOutcome> {
  try {
    if (when === 'now') await stripe.subscriptions.cancel(subscriptionId);
    else
      await stripe.subscriptions.update(
        subscriptionId,
        { cancel_at_period_end: true },
        { idempotencyKey: `${options.idempotencyPrefix}${subscriptionId}` },
      );
    return { ok: true };
  } catch (error) {
    options.logFailure(`cancel of ${subscriptionId}`, error);
    if (error instanceof Stripe.errors.StripeInvalidRequestError) {
      return { ok: false, status: 409, message: 'This subscription can no longer be canceled; it may already be canceled.' };
    }
    return { ok: false, status: 502, message: 'We could not reach the payment provider. Please try again in a moment.' };
  }
}
