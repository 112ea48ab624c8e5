import { FormRecords, newRecordId, unixSecondsNow } from '../merchant/formRecords';
import type { MerchantSignup } from '../merchant/signupRecord';

/**
 * A subscription sign-up: the pricing form's submit, the provider customer and the `default_incomplete`
 * subscription made for it, and the payment intent of its first invoice (paid in the Payment Element).
 */
export interface Signup extends MerchantSignup {
  /** The first invoice's payment intent and its client secret (`latest_invoice.confirmation_secret`). */
  paymentIntentId: string | null;
  clientSecret: string | null;
}

export type NewSignup = Pick<Signup, 'token' | 'planName' | 'amount' | 'currency' | 'email' | 'referralClickId' | 'testClockId'>;

/** The shop's sign-ups, in memory. */
export class SignupBook extends FormRecords<Signup> {
  create(details: NewSignup): Signup {
    return this.add({
      ...details,
      id: newRecordId('sgn'),
      customerId: null,
      subscriptionId: null,
      paymentIntentId: null,
      clientSecret: null,
      completedAt: null,
      createdAt: unixSecondsNow(),
    });
  }

  findBy(field: 'customerId' | 'paymentIntentId' | 'subscriptionId', value: string): Signup | undefined {
    return this.all().find((signup) => signup[field] === value);
  }
}
