import type Stripe from 'stripe';
import { newId, unixNow } from '../core/ids';
import type { ProviderServices } from '../core/services';
import { customerNow } from './periods';
import { billingDetailsObject } from '../payments/billingDetailsObject';
import type { BillingDetails, CardPayment } from '../payments/payWithCard';
import type { CardFacts } from '../payments/testCards';

/**
 * Stores a card PaymentMethod: brand, last4, expiry and fingerprint only (never the number or CVC).
 * The card's behaviour is kept beside it, so a later charge with this method behaves as the test card.
 */
export function storeCardPaymentMethod(
  services: ProviderServices,
  card: CardFacts,
  billing: BillingDetails | null,
  created = unixNow(),
): Stripe.PaymentMethod {
  const paymentMethod: Stripe.PaymentMethod = {
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: billingDetailsObject(billing),
    card: {
      brand: card.brand,
      checks: {
        address_line1_check: null,
        address_postal_code_check: billing?.postalCode ? 'pass' : null,
        cvc_check: billing ? 'pass' : null,
      },
      country: 'US',
      display_brand: card.brand,
      exp_month: card.expMonth,
      exp_year: card.expYear,
      fingerprint: card.fingerprint,
      funding: 'credit',
      generated_from: null,
      last4: card.last4,
      networks: { available: [card.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created,
    customer: null,
    customer_account: null,
    livemode: services.store.livemode,
    metadata: {},
    type: 'card',
  };
  services.store.add('payment_method', paymentMethod);
  services.store.paymentMethodCards.set(paymentMethod.id, card);
  return paymentMethod;
}

/**
 * A PaymentIntent with `setup_future_usage` and a customer saves the card that pays it, as Stripe does: the
 * card's PaymentMethod (stored now unless `paymentMethodId` is one already) is attached to the customer
 * (`payment_method.attached`). Returns the PaymentMethod's id, or `paymentMethodId` when nothing is saved.
 */
export function saveCardForFutureUsage(services: ProviderServices, payment: CardPayment): string | undefined {
  const { intent, card, billing, request, paymentMethodId } = payment;
  const customer = typeof intent.customer === 'string' ? intent.customer : intent.customer?.id;
  if (!intent.setup_future_usage || !customer) return paymentMethodId;
  const stored = paymentMethodId ? services.store.get('payment_method', paymentMethodId) : undefined;
  const paymentMethod = stored ?? storeCardPaymentMethod(services, card, billing, customerNow(services, customer));
  if (paymentMethod.customer === null) {
    paymentMethod.customer = customer;
    services.events.emit('payment_method.attached', paymentMethod, { request });
  }
  return paymentMethod.id;
}
