import type Stripe from 'stripe';
import type { ProviderServices } from '../core/services';
import { NO_REQUEST } from '../events/eventLog';
import type { BillingDetails } from '../payments/payWithCard';
import type { CardFacts } from '../payments/testCards';
import { newCustomerObject } from '../resources/customers';
import { sessionDiscountSources } from './checkoutDiscounts';
import { payInvoice } from './invoicing';
import { storeCardPaymentMethod } from './paymentMethodObject';
import { customerNow } from './periods';
import { startSubscription } from './startSubscription';

/**
 * Completes a `mode=subscription` Checkout Session paid with an approved card, in Stripe's event order:
 * `customer.created` (when the session had no customer), `payment_method.attached`,
 * `customer.subscription.created` (incomplete), `invoice.created`, `invoice.finalized`, `charge.succeeded`,
 * `payment_intent.succeeded`, `invoice.paid`, `invoice.payment_succeeded`, `customer.subscription.updated`
 * (active). The caller then completes the session (`checkout.session.completed`).
 */
export function subscribeFromCheckout(
  services: ProviderServices,
  session: Stripe.Checkout.Session,
  intent: Stripe.PaymentIntent,
  card: CardFacts,
  billing: BillingDetails,
): Stripe.Subscription {
  const request = NO_REQUEST;
  let customer = typeof session.customer === 'string' ? services.store.get('customer', session.customer) : undefined;
  if (!customer) {
    customer = newCustomerObject(services.store.livemode);
    customer.email = billing.email;
    customer.name = billing.name;
    customer.address = { city: null, country: billing.country, line1: null, line2: null, postal_code: billing.postalCode, state: null };
    services.store.add('customer', customer);
    services.events.emit('customer.created', customer, { request });
  }
  const at = customerNow(services, customer.id);

  const paymentMethod = storeCardPaymentMethod(services, card, billing, at);
  paymentMethod.customer = customer.id;
  services.events.emit('payment_method.attached', paymentMethod, { request });

  const data = services.store.sessionSubscriptionData.get(session.id) ?? {};
  const metadata = typeof data.metadata === 'object' && data.metadata !== null ? { ...(data.metadata as Record<string, string>) } : {};
  const items = (services.store.lineItems.get(session.id) ?? []).flatMap((item) =>
    item.price ? [{ price: item.price, quantity: item.quantity ?? 1 }] : [],
  );
  const { subscription, invoice } = startSubscription(
    services,
    customer,
    {
      customer: customer.id,
      items,
      start: at,
      defaultPaymentMethod: paymentMethod.id,
      metadata,
      description: typeof data.description === 'string' ? data.description : null,
      // The session's coupon or promotion code goes on the subscription (its first invoice carries it).
      discounts: sessionDiscountSources(services, session),
    },
    request,
  );
  // Paying the first invoice activates the subscription (`customer.subscription.updated`, see invoicePaymentOutcome.ts).
  payInvoice(services, invoice, { paymentMethod, intent }, at, request);

  session.customer = customer.id;
  session.subscription = subscription.id;
  session.invoice = invoice.id;
  return subscription;
}
