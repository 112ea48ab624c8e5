/**
 * Stripe's published test card numbers (https://docs.stripe.com/testing), by what Stripe documents them for. A fact of
 * Stripe's, not a shape: in live mode Stripe declines every one of them as "a known test card", so the sandbox
 * provider declines them in live mode and the harness's live guard refuses them as the operator's card. The cards the
 * sandbox pays with in test mode, and how each behaves, are the sandbox's own table
 * (sandbox/provider/payments/testCards.ts); the harness's are src/model/target/testCards.ts.
 */
export const STRIPE_TEST_CARD_NUMBERS = {
  /** Successful payments by card brand (debit, prepaid, 2-series and 14- and 19-digit variants included). */
  brands: [
    '4242424242424242',
    '4000056655665556',
    '5555555555554444',
    '2223003122003222',
    '5200828282828210',
    '5105105105105100',
    '5204736120000000',
    '378282246310005',
    '371449635398431',
    '6011111111111117',
    '6011000990139424',
    '6011981111111113',
    '3056930009020004',
    '36227206271667',
    '3566002020360505',
    '6200000000000005',
    '6205500000000000004',
  ],
  /** Cards issued in other countries (for country-specific behaviour). */
  countries: [
    '4000000760000002',
    '4000001240000000',
    '4000004840008001',
    '4000000400000008',
    '4000002500000003',
    '4000002760000016',
    '4000008260000000',
  ],
  /** Declined payments: generic, insufficient funds, lost, stolen, expired, incorrect CVC, processing error, limits. */
  declines: [
    '4000000000000002',
    '4000000000009995',
    '4000000000009987',
    '4000000000009979',
    '4000000000000069',
    '4000000000000127',
    '4000000000000119',
    '4000000000006975',
    '4000000000000341',
    '4242424242424241',
  ],
  /** Address and CVC checks that fail or are unavailable. */
  checks: ['4000000000000010', '4000000000000028', '4000000000000036', '4000000000000044', '4000000000000101'],
  /** Fraud and disputes: a blocked payment, an elevated risk, disputes of several kinds. */
  riskAndDisputes: [
    '4100000000000019',
    '4000000000004954',
    '4000000000009235',
    '4000000000000259',
    '4000000000002685',
    '4000000000001976',
    '4000000000005423',
  ],
  /** Balance, pricing and refunds: funds straight to the available balance, domestic pricing, a refund that fails. */
  balanceAndRefunds: ['4000000000000077', '4000000000000093', '4000000000005126'],
  /** 3-D Secure: required, required on every payment, supported, not supported. */
  threeDSecure: ['4000002760003184', '4000002500003155', '4000008260003178', '4000000000003220', '4000000000003063', '4000000000003055'],
} as const satisfies Record<string, readonly string[]>;

/** Every number above. */
export const KNOWN_STRIPE_TEST_CARD_NUMBERS: ReadonlySet<string> = new Set(Object.values(STRIPE_TEST_CARD_NUMBERS).flat());
