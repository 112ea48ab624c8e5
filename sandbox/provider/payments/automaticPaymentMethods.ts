import type Stripe from 'stripe';
import { invalidRequest } from '../core/errors';
import { oneOf, optionalBoolean, optionalObject, type Params } from '../core/params';
import { isBefore } from '../versions/knownVersions';

/** The version from which a PaymentIntent created without payment method types accepts the Dashboard's methods. */
export const AUTOMATIC_PAYMENT_METHODS_DEFAULT_SINCE = '2023-08-16';

/**
 * A new PaymentIntent's `automatic_payment_methods`: as given; else, when no payment method types are given
 * (`payment_method_types`, or `allowed_payment_method_types`), enabled with `allow_redirects: 'always'` from
 * 2023-08-16 on and null before (card only), per the request's API version
 * (docs.stripe.com/changelog/2023-08-16/automatic-payment-methods: "The previous default was to accept only card
 * payments when both `payment_method_types` and `automatic_payment_methods` weren't specified").
 */
export function automaticPaymentMethodsAtCreation(params: Params, apiVersion: string): Stripe.PaymentIntent.AutomaticPaymentMethods | null {
  const given = optionalObject(params, 'automatic_payment_methods');
  if (given) {
    const allowRedirects = oneOf(given, 'allow_redirects', ['always', 'never'] as const);
    return { allow_redirects: allowRedirects ?? 'always', enabled: optionalBoolean(given, 'enabled') ?? false };
  }
  if (params.payment_method_types !== undefined || params.allowed_payment_method_types !== undefined) return null;
  if (isBefore(apiVersion, AUTOMATIC_PAYMENT_METHODS_DEFAULT_SINCE)) return null;
  return { allow_redirects: 'always', enabled: true };
}

/**
 * Stripe's refusal to confirm, with the secret key, a PaymentIntent whose automatic payment methods allow redirects
 * without a `return_url` ("When confirming a PaymentIntent, you're now required to provide a `return_url`, unless
 * `off_session=true`"; "You can bypass the `return_url` requirement using
 * `automatic_payment_methods[allow_redirects]=never`": docs.stripe.com/changelog/2023-08-16/automatic-payment-methods).
 * The message is Stripe's, as quoted in public code (e.g. github.com/aschmelyun/laravel-vue-stripe-cashier/issues/4);
 * Stripe's `code`/`param` for it were not found, so none is set. Confirmations through the publishable key (Stripe.js,
 * the sandbox's Payment Element) are not checked: Stripe.js sends the page's `return_url` itself, and with
 * `redirect: 'if_required'` confirms a card without one (unsure how Stripe's server checks those).
 */
export function checkReturnUrl(
  intent: Pick<Stripe.PaymentIntent, 'automatic_payment_methods'>,
  params: Params,
  publishableKey: boolean,
): void {
  if (publishableKey) return;
  const automatic = intent.automatic_payment_methods;
  if (!automatic?.enabled || automatic.allow_redirects === 'never') return;
  if (typeof params.return_url === 'string' && params.return_url !== '') return;
  if (params.off_session === true || params.off_session === 'true') return;
  throw invalidRequest(
    'A `return_url` must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard, ' +
      'some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set ' +
      '`automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.',
  );
}
