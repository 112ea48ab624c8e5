import type { Card } from './contract';

/** Stripe's published test cards (test mode only; they never move money). */
export const TEST_CARDS = {
  succeeds: { number: '4242424242424242', expiry: '12 / 34', cvc: '123' },
} satisfies Record<string, Card>;
