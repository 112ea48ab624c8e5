import type { PaymentCard } from '../../src/liveMode/liveCard';
import { runEmail } from '../../src/runId';
import type { Customer } from '../../src/target/contract';

/** The run's customer; in live mode the cardholder's name and postal code, when the operator gave them. */
export function runCustomer(runId: string, card: PaymentCard): Customer {
  return {
    email: runEmail(runId),
    name: card.holderName ?? 'Rehearsal Customer',
    billingCountry: 'US',
    billingPostalCode: card.postalCode ?? '94107',
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
