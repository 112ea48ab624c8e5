import type Stripe from 'stripe';
import { invalidRequest, missingParam } from '../core/errors';
import type { Params } from '../core/params';
import { cardError } from '../payments/cardError';
import type { BillingDetails } from '../payments/payWithCard';
import { cardForNumber, luhnValid, type CardFacts } from '../payments/testCards';

/** A card given as `payment_method_data` on confirm, read into what the provider keeps (never the number or CVC). */
export interface CardFromPaymentMethodData {
  card: CardFacts;
  billing: BillingDetails;
}

/** Stripe's refusal of card numbers sent by a server (test mode wording): only Stripe.js and Elements may send them. */
export const RAW_CARD_DATA_MESSAGE =
  'Sending credit card numbers directly to the Stripe API is generally unsafe. We suggest you use test tokens that map to the test card you are using, see https://stripe.com/docs/testing. To enable testing raw card data APIs, see https://support.stripe.com/questions/enabling-access-to-raw-card-data-apis.';

const TEST_MODE_LIVE_CARD_MESSAGE =
  'Your card was declined. Your request was in test mode, but used a non test (live) card. For a list of valid test cards, visit: https://stripe.com/docs/testing.';

function objectAt(params: Params | undefined, name: string): Params | undefined {
  const value = params?.[name];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Params) : undefined;
}

function textAt(params: Params | undefined, name: string): string | null {
  const value = params?.[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/**
 * Reads `payment_method_data[type]=card` with `[card][number|exp_month|exp_year|cvc]` and
 * `[billing_details][name|email|address][country|postal_code]`, as the Payment Element's frame sends them. A card
 * number is accepted from the publishable key only (Stripe.js), as Stripe refuses raw card data from a server.
 * Card problems are Stripe's 402 `card_error`s; a Luhn-valid number that is not a test card is declined
 * (`test_mode_live_card`) in test mode.
 */
export function cardFromPaymentMethodData(
  data: Params,
  intent: Stripe.PaymentIntent,
  options: { publishableKey: boolean; livemode: boolean },
): CardFromPaymentMethodData {
  const type = textAt(data, 'type');
  if (type === null) throw missingParam('payment_method_data[type]');
  if (type !== 'card') throw invalidRequest('The sandbox provider supports only card payments.', { param: 'payment_method_data[type]' });
  const card = objectAt(data, 'card');
  const number = textAt(card, 'number');
  if (number === null) throw missingParam('payment_method_data[card][number]');
  if (!options.publishableKey) throw invalidRequest(RAW_CARD_DATA_MESSAGE);

  const month = Number(textAt(card, 'exp_month'));
  const rawYear = Number(textAt(card, 'exp_year'));
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw cardError({ code: 'invalid_expiry_month', message: "Your card's expiration month is invalid.", param: 'exp_month' }, intent);
  }
  const year = rawYear < 100 ? 2000 + rawYear : rawYear;
  const now = new Date();
  if (
    !Number.isInteger(rawYear) ||
    rawYear <= 0 ||
    year < now.getUTCFullYear() ||
    (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1)
  ) {
    throw cardError({ code: 'invalid_expiry_year', message: "Your card's expiration year is invalid.", param: 'exp_year' }, intent);
  }
  const digits = number.replace(/[\s-]/g, '');
  if (!luhnValid(digits)) throw cardError({ code: 'incorrect_number', message: 'Your card number is incorrect.', param: 'number' }, intent);
  const facts = cardForNumber(digits, month, year, options.livemode);
  if (!facts)
    throw cardError({ code: 'card_declined', declineCode: 'test_mode_live_card', message: TEST_MODE_LIVE_CARD_MESSAGE, param: '' }, intent);

  const billing = objectAt(data, 'billing_details');
  const address = objectAt(billing, 'address');
  return {
    card: facts,
    billing: {
      name: textAt(billing, 'name'),
      email: textAt(billing, 'email'),
      country: textAt(address, 'country')?.toUpperCase() ?? null,
      postalCode: textAt(address, 'postal_code'),
    },
  };
}
