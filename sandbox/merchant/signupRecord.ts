/**
 * What every sandbox merchant's subscription sign-up holds: the pricing form's submit (its token finds it again on a
 * second submit), the provider customer made for it (on a test clock in test mode) and the subscription it led to.
 * A shop's own sign-up adds how the first invoice is paid.
 */
export interface MerchantSignup {
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
  completedAt: number | null;
  createdAt: number;
}
