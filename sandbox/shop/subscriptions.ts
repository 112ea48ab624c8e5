import { randomBytes } from 'node:crypto';

// The shop's record of subscriptions, its customer sessions and the provider's statuses are shared by the sandbox's merchants.
export {
  CUSTOMER_COOKIE,
  CUSTOMER_COOKIE_MAX_AGE_SECONDS,
  CustomerSessions,
  idOf,
  statusOf,
  SubscriptionBook,
  subscriptionStatusLabel,
  type ShopSubscriptionStatus,
  type SubscriptionRecord,
} from '../merchant/subscriptionRecords';

/**
 * A subscription sign-up: the pricing form's submit, the provider customer made for it and its checkout
 * session. The order token finds it again on a second submit of the same form.
 */
export interface Signup {
  id: string;
  token: string;
  planSlug: string;
  planName: string;
  amount: number;
  currency: string;
  email: string;
  referralClickId: string | null;
  testClockId: string | null;
  customerId: string | null;
  checkoutSessionId: string | null;
  checkoutUrl: string | null;
  subscriptionId: string | null;
  completedAt: number | null;
  createdAt: number;
}

export type NewSignup = Pick<Signup, 'token' | 'planSlug' | 'planName' | 'amount' | 'currency' | 'email' | 'referralClickId' | 'testClockId'>;

export class SignupBook {
  private readonly byId = new Map<string, Signup>();
  private readonly idByToken = new Map<string, string>();

  create(details: NewSignup): Signup {
    const signup: Signup = {
      ...details,
      id: `ord_${randomBytes(8).toString('hex')}`,
      customerId: null,
      checkoutSessionId: null,
      checkoutUrl: null,
      subscriptionId: null,
      completedAt: null,
      createdAt: Math.floor(Date.now() / 1000),
    };
    this.byId.set(signup.id, signup);
    this.idByToken.set(signup.token, signup.id);
    return signup;
  }

  get(id: string): Signup | undefined {
    return this.byId.get(id);
  }

  findByToken(token: string): Signup | undefined {
    const id = this.idByToken.get(token);
    return id === undefined ? undefined : this.byId.get(id);
  }

  findByCheckoutSession(sessionId: string): Signup | undefined {
    return [...this.byId.values()].find((signup) => signup.checkoutSessionId === sessionId);
  }

  findByCustomer(customerId: string): Signup | undefined {
    return [...this.byId.values()].find((signup) => signup.customerId === customerId);
  }
}
