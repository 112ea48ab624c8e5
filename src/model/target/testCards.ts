import type { Card } from './contract';

/** Stripe's published test cards (test mode only; they never move money). */
export const TEST_CARDS = {
  succeeds: { number: '4242424242424242', expiry: '12 / 34', cvc: '123' },
  /** Declined: generic_decline. */
  declined: { number: '4000000000000002', expiry: '12 / 34', cvc: '123' },
  /** Declined: insufficient_funds. */
  insufficientFunds: { number: '4000000000009995', expiry: '12 / 34', cvc: '123' },
  /** Declined: expired_card (whatever expiry is typed). */
  expired: { number: '4000000000000069', expiry: '12 / 34', cvc: '123' },
  /** Asks for 3-D Secure on every payment; the customer's answer decides. */
  threeDSecureRequired: { number: '4000002760003184', expiry: '12 / 34', cvc: '123' },
} satisfies Record<string, Card>;
