import type Stripe from 'stripe';
import { ProviderApiError, docUrl, invalidRequest } from '../core/errors';
import { snapshot } from '../core/expand';
import type { ProviderServices } from '../core/services';
import type { RequestRef } from '../events/eventLog';
import { cardDeclineError } from './payWithCard';
import { attachToCustomer, declineOnSave } from './savePaymentMethod';

/** What a SetupIntent's confirmation is given besides the intent. */
export interface SetupConfirmation {
  returnUrl?: string;
  request: RequestRef;
}

const CONFIRMABLE: readonly Stripe.SetupIntent.Status[] = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

/**
 * Since 2023-08-16 a SetupIntent with dynamic payment methods that may redirect needs a `return_url` to be confirmed
 * (changelog 2023-08-16 "Enables automatic payment methods by default for PaymentIntents and SetupIntents": "When
 * confirming a SetupIntent, you're now required to provide a return_url"; `allow_redirects: 'never'` lifts it). The
 * message is Stripe's as merchants quote it for a Setup Intent (woocommerce/woocommerce-gateway-stripe#3284; the
 * PaymentIntent wording with backticks in #2982); its `code` and `param`, if any, are not known, so none are sent.
 */
export const RETURN_URL_REQUIRED =
  'A `return_url` must be specified because this Setup Intent is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.';

/** An error that carries the SetupIntent as it stands, as Stripe's errors about an intent do (`setup_intent`). */
function withIntent(error: ProviderApiError, intent: Stripe.SetupIntent): ProviderApiError {
  error.body.setup_intent = snapshot(intent);
  return error;
}

function customerIdOf(intent: Stripe.SetupIntent): string | null {
  return typeof intent.customer === 'string' ? intent.customer : (intent.customer?.id ?? null);
}

/**
 * What is checked before a confirmation changes anything (so a refused confirm leaves the intent as it was): the
 * intent is unfinished, and it has a `return_url` if its dynamic payment methods may redirect. `intent` may be one
 * not created yet (create with `confirm: true`): then the error carries no intent.
 */
export function assertConfirmable(
  intent: Stripe.SetupIntent | Pick<Stripe.SetupIntent, 'status' | 'automatic_payment_methods'>,
  returnUrl: string | undefined,
): void {
  const known = (error: ProviderApiError) => ('id' in intent ? withIntent(error, intent) : error);
  if (intent.status === 'succeeded') {
    throw known(
      invalidRequest('You cannot confirm this SetupIntent because it has already succeeded after being previously confirmed.', {
        code: 'setup_intent_unexpected_state',
      }),
    );
  }
  if (!CONFIRMABLE.includes(intent.status)) {
    throw known(
      invalidRequest(`You cannot confirm this SetupIntent because it has a status of ${intent.status}.`, {
        code: 'setup_intent_unexpected_state',
      }),
    );
  }
  const automatic = intent.automatic_payment_methods;
  if (automatic?.enabled && automatic.allow_redirects !== 'never' && !returnUrl) throw known(invalidRequest(RETURN_URL_REQUIRED));
}

/**
 * Confirms a SetupIntent with the stored PaymentMethod on it (`payment_method`, set from the request beforehand). The
 * card is checked as every saved card is (savePaymentMethod.ts). Approved: the PaymentMethod is attached to the
 * intent's customer, if any (`payment_method.attached`), then the intent `succeeded` (`setup_intent.succeeded`).
 * Refused: back to `requires_payment_method` with `last_setup_error` (the PaymentMethod inside, as Stripe's
 * `last_setup_error.payment_method`), `setup_intent.setup_failed`, and the 402 `card_error` with the intent under
 * `setup_intent`. 3-D Secure test cards are saved without a challenge (Stripe would answer `requires_action`; the
 * sandbox has no Stripe.js `confirmSetup` to complete one).
 * The wordings of the state errors mirror Stripe's PaymentIntent ones (its SetupIntent wordings are not documented).
 */
export function confirmSetupIntent(
  services: ProviderServices,
  intent: Stripe.SetupIntent,
  confirmation: SetupConfirmation,
): Stripe.SetupIntent {
  const { request, returnUrl } = confirmation;
  assertConfirmable(intent, returnUrl);
  const paymentMethodId = typeof intent.payment_method === 'string' ? intent.payment_method : intent.payment_method?.id;
  const paymentMethod = paymentMethodId ? services.store.get('payment_method', paymentMethodId) : undefined;
  const card = paymentMethodId ? services.store.paymentMethodCards.get(paymentMethodId) : undefined;
  if (!paymentMethod || !card) {
    throw withIntent(
      invalidRequest(
        "You cannot confirm this SetupIntent because it's missing a payment method. To confirm the SetupIntent with a test card, pass payment_method=pm_card_visa.",
        {
          code: 'setup_intent_unexpected_state',
          param: 'payment_method',
        },
      ),
      intent,
    );
  }

  const decline = declineOnSave(services, card);
  if (decline) {
    intent.status = 'requires_payment_method';
    intent.payment_method = null;
    intent.last_setup_error = {
      type: 'card_error',
      code: decline.code,
      ...(decline.declineCode ? { decline_code: decline.declineCode } : {}),
      doc_url: docUrl(decline.code),
      message: decline.message,
      payment_method: snapshot(paymentMethod),
    };
    services.events.emit('setup_intent.setup_failed', intent, { request });
    throw withIntent(cardDeclineError(decline), intent);
  }
  const customer = customerIdOf(intent);
  // "If present, the SetupIntent's payment method will be attached to the Customer on successful setup" (SDK docs).
  if (customer) attachToCustomer(services, paymentMethod, customer, request);
  intent.status = 'succeeded';
  intent.last_setup_error = null;
  intent.next_action = null;
  services.events.emit('setup_intent.succeeded', intent, { request });
  return intent;
}
