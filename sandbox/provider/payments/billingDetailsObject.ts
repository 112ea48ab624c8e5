import type Stripe from 'stripe';
import type { BillingDetails } from './payWithCard';

/** The `billing_details` a PaymentMethod or a charge shows for what the customer gave (null where nothing was given). */
export function billingDetailsObject(billing: BillingDetails | null): Stripe.PaymentMethod.BillingDetails {
  return {
    address: {
      city: null,
      country: billing?.country ?? null,
      line1: null,
      line2: null,
      postal_code: billing?.postalCode ?? null,
      state: null,
    },
    email: billing?.email ?? null,
    name: billing?.name ?? null,
    phone: null,
    tax_id: null,
  };
}
