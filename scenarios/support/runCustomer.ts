import type { PaymentCard } from '../../src/guards/liveMode/liveCard';
import { runEmail } from '../../src/base/runId';
import type { Customer } from '../../src/model/target/contract';

/** Where a test customer paying in a currency lives: its country and a postal code there. */
const BILLING_ADDRESS_BY_CURRENCY: Record<string, { country: string; postalCode: string }> = {
  usd: { country: 'US', postalCode: '94107' },
  jpy: { country: 'JP', postalCode: '150-0001' },
  eur: { country: 'DE', postalCode: '10115' },
  gbp: { country: 'GB', postalCode: 'EC1A 1BB' },
};

/**
 * The run's customer, billed in the country of the currency they pay in (a customer of a yen shop lives in Japan);
 * in live mode the cardholder's name and postal code, when the operator gave them.
 */
export function runCustomer(runId: string, card: PaymentCard, currency = 'usd'): Customer {
  const address = BILLING_ADDRESS_BY_CURRENCY[currency.toLowerCase()] ?? BILLING_ADDRESS_BY_CURRENCY.usd!;
  return {
    email: runEmail(runId),
    name: card.holderName ?? 'Rehearsal Customer',
    billingCountry: address.country,
    billingPostalCode: card.postalCode ?? address.postalCode,
  };
}

/** Why a scenario that needs Stripe's test cards or would charge twice does not run in live mode. */
export const LIVE_MODE_SKIP = {
  declines:
    'live mode: the decline cards are Stripe test cards, which live mode refuses; a live rehearsal pays only with the operator\'s card',
  duplicateSubmit:
    'live mode: a duplicate submit may charge the operator\'s real card twice; rehearse it in test mode',
  testClock:
    'live mode: provider test clocks exist in test mode only, so renewals cannot be rehearsed live',
  webhookResilience:
    "live mode: the resilience probe would pay with the operator's real card once more; it runs in test mode (nightly)",
} as const;
