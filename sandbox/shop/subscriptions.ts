import { FormRecords, newRecordId, unixSecondsNow } from '../merchant/formRecords';
import type { MerchantSignup } from '../merchant/signupRecord';

/**
 * A subscription sign-up: the pricing form's submit, the provider customer made for it and its checkout
 * session. The order token finds it again on a second submit of the same form.
 */
export interface Signup extends MerchantSignup {
  planSlug: string;
  checkoutSessionId: string | null;
  checkoutUrl: string | null;
}

export type NewSignup = Pick<
  Signup,
  'token' | 'planSlug' | 'planName' | 'amount' | 'currency' | 'email' | 'referralClickId' | 'testClockId'
>;

/** The shop's sign-ups, in memory (their ids start `ord_`, like orders'). */
export class SignupBook extends FormRecords<Signup> {
  create(details: NewSignup): Signup {
    return this.add({
      ...details,
      id: newRecordId('ord'),
      customerId: null,
      checkoutSessionId: null,
      checkoutUrl: null,
      subscriptionId: null,
      completedAt: null,
      createdAt: unixSecondsNow(),
    });
  }

  findByCheckoutSession(sessionId: string): Signup | undefined {
    return this.all().find((signup) => signup.checkoutSessionId === sessionId);
  }

  findByCustomer(customerId: string): Signup | undefined {
    return this.all().find((signup) => signup.customerId === customerId);
  }
}
