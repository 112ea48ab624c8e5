import type Stripe from 'stripe';
import { invalidRequest, type ProviderApiError } from '../core/errors';
import { snapshot } from '../core/expand';
import type { ProviderServices } from '../core/services';
import type { RequestRef } from '../events/eventLog';
import { refundsListOf } from '../resources/charges';
import { changedFields } from '../resources/changedFields';
import { recordBalanceTransaction } from './balanceTransactionObject';
import { recordRefund } from './refundObject';

/**
 * Manual capture (`capture_method: 'manual'`): a card payment is only authorized at confirmation, then captured
 * (`POST /v1/payment_intents/:id/capture`) or released (`…/cancel`). Facts, from Stripe's API reference unless said:
 * - Authorized: the intent `requires_capture` with `amount_capturable` = its amount
 *   (`payment_intent.amount_capturable_updated`); the charge is `succeeded`, `paid`, `captured: false`,
 *   `amount_captured: 0`, no balance transaction yet, `payment_method_details.card.capture_before` set ("Uncaptured
 *   PaymentIntents are cancelled a set number of days (7 by default) after their creation"); `charge.succeeded` is sent
 *   at authorization.
 * - Capture: "amount_to_capture … must be less than or equal to the original amount. Any additional amount is
 *   automatically refunded" (capture reference, 2024 wording). The charge keeps its `amount`, gets `captured: true`,
 *   `amount_captured`; a partial capture shows the rest as a refund on the charge (`amount_refunded`, `refunded:
 *   false`): merchants' captured webhooks show exactly that (woocommerce/woocommerce-gateway-stripe#1073, #861
 *   "Stripe treats a partial capture as a Charge object with a partial Refund inside it"). Events: `charge.captured`,
 *   then `payment_intent.succeeded`. Whether Stripe also sends `charge.refunded`/`refund.created` for the released
 *   rest is not documented: the sandbox sends neither.
 * - Cancel: "For PaymentIntents with a status of requires_capture, the remaining amount_capturable is automatically
 *   refunded": the charge is `refunded` in full by a card `reversal` refund (no balance transaction: nothing was
 *   captured), `charge.refunded`, then `payment_intent.canceled`. The `charge.refunded` event is the sandbox's reading.
 * The sandbox never expires an uncaptured payment after `capture_before`.
 */

const CAPTURE_WINDOW_S = 7 * 24 * 60 * 60;

/** The authorization of a manual-capture charge: not captured, no balance transaction, capturable for 7 days. */
export function holdCharge(charge: Stripe.Charge): void {
  charge.captured = false;
  charge.amount_captured = 0;
  charge.balance_transaction = null;
  if (charge.payment_method_details?.card) charge.payment_method_details.card.capture_before = charge.created + CAPTURE_WINDOW_S;
}

/** After the authorization: the intent waits for its capture (`payment_intent.amount_capturable_updated`). */
export function awaitCapture(services: ProviderServices, intent: Stripe.PaymentIntent, request: RequestRef): void {
  intent.status = 'requires_capture';
  intent.amount_capturable = intent.amount;
  intent.amount_received = 0;
  services.events.emit('payment_intent.amount_capturable_updated', intent, { request });
}

function withIntent(error: ProviderApiError, intent: Stripe.PaymentIntent): ProviderApiError {
  error.body.payment_intent = snapshot(intent);
  return error;
}

function latestCharge(services: ProviderServices, intent: Stripe.PaymentIntent): Stripe.Charge | undefined {
  const id = typeof intent.latest_charge === 'string' ? intent.latest_charge : intent.latest_charge?.id;
  return id ? services.store.get('charge', id) : undefined;
}

/** A refund of the uncaptured part of a charge: a card `reversal` (Stripe's `destination_details.card.type`). */
function releaseUncaptured(services: ProviderServices, charge: Stripe.Charge, amount: number, moveBalance: boolean): Stripe.Refund {
  const refund = recordRefund(services, charge, { amount, reason: null, metadata: {}, cardType: 'reversal', moveBalance });
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  if (charge.refunds) charge.refunds = refundsListOf(services, charge);
  return refund;
}

/**
 * `POST /v1/payment_intents/:id/capture`. Only a `requires_capture` intent: otherwise Stripe's 400 "This PaymentIntent
 * could not be captured because it has a status of …" (`payment_intent_unexpected_state`, quoted in cartalyst/stripe#211).
 * More than `amount_capturable`: Stripe's 400 "The payment could not be captured because the requested capture amount
 * is greater than the authorized amount. …" (quoted in 202-ecommerce/stripe_official#98; its `code`, if any, unknown).
 */
export function capturePaymentIntent(
  services: ProviderServices,
  intent: Stripe.PaymentIntent,
  amountToCapture: number | undefined,
  request: RequestRef,
): Stripe.PaymentIntent {
  if (intent.status !== 'requires_capture') {
    throw withIntent(
      invalidRequest(
        `This PaymentIntent could not be captured because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
        {
          code: 'payment_intent_unexpected_state',
        },
      ),
      intent,
    );
  }
  const amount = amountToCapture ?? intent.amount_capturable;
  if (amount <= 0) throw invalidRequest('Invalid positive integer', { param: 'amount_to_capture', code: 'parameter_invalid_integer' });
  if (amount > intent.amount_capturable) {
    throw withIntent(
      invalidRequest(
        'The payment could not be captured because the requested capture amount is greater than the authorized amount. If you are trying to collect a tip or over-capture, your account might not be configured for those features. Contact us via https://support.stripe.com/contact/',
        { param: 'amount_to_capture' },
      ),
      intent,
    );
  }
  const charge = latestCharge(services, intent);
  if (charge) {
    const txn = recordBalanceTransaction(services, {
      amount: charge.amount,
      currency: charge.currency,
      source: charge.id,
      type: 'charge',
      description: charge.description,
    });
    charge.captured = true;
    charge.amount_captured = amount;
    charge.balance_transaction = txn.id;
    // The charge's balance transaction is for its whole amount and the released rest is refunded against it (#861's
    // fees arithmetic: "full_payment_fees - partial_refund_fees"); unsure beyond that report.
    if (charge.amount > amount) releaseUncaptured(services, charge, charge.amount - amount, true);
    services.events.emit('charge.captured', charge, { request });
  }
  intent.status = 'succeeded';
  intent.amount_capturable = 0;
  intent.amount_received = amount;
  services.events.emit('payment_intent.succeeded', intent, { request });
  return intent;
}

/** Cancel of a `requires_capture` intent: the authorization is released in full (`charge.refunded`). */
export function releaseAuthorization(services: ProviderServices, intent: Stripe.PaymentIntent, request: RequestRef): void {
  const charge = latestCharge(services, intent);
  intent.amount_capturable = 0;
  if (!charge || charge.captured) return;
  const before = snapshot(charge);
  releaseUncaptured(services, charge, charge.amount - charge.amount_refunded, false);
  services.events.emit('charge.refunded', charge, { request, previous: changedFields(before, charge) });
}
