import { randomBytes } from 'node:crypto';

/**
 * A subscription sign-up: the pricing form's submit, the provider customer and the `default_incomplete`
 * subscription made for it, and the payment intent of its first invoice (paid in the Payment Element).
 */
export interface Signup {
  id: string;
  token: string;
  planName: string;
  amount: number;
  currency: string;
  email: string;
  referralClickId: string | null;
  testClockId: string | null;
  customerId: string | null;
  subscriptionId: string | null;
  /** The first invoice's payment intent and its client secret (`latest_invoice.confirmation_secret`). */
  paymentIntentId: string | null;
  clientSecret: string | null;
  completedAt: number | null;
  createdAt: number;
}

export type NewSignup = Pick<Signup, 'token' | 'planName' | 'amount' | 'currency' | 'email' | 'referralClickId' | 'testClockId'>;

export class SignupBook {
  private readonly byId = new Map<string, Signup>();
  private readonly idByToken = new Map<string, string>();

  create(details: NewSignup): Signup {
    const signup: Signup = {
      ...details,
      id: `sgn_${randomBytes(8).toString('hex')}`,
      customerId: null,
      subscriptionId: null,
      paymentIntentId: null,
      clientSecret: null,
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

  findBy(field: 'customerId' | 'paymentIntentId' | 'subscriptionId', value: string): Signup | undefined {
    return [...this.byId.values()].find((signup) => signup[field] === value);
  }
}
