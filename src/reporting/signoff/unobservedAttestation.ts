import type { UnobservedDelivery } from '../../run/evidence/flowRecord';
import { plural } from './text';

/**
 * What the operator checks for webhooks the harness could not see delivered: "Everything the harness could see
 * passed; check in Rewardful's dashboard webhook log that its 6 messages (conversion.created, …) of this run reached
 * the merchant's endpoints: <the platform's reason>".
 */
export function unobservedAttestation(unseen: readonly UnobservedDelivery[]): string {
  const types = [...new Set(unseen.map((delivery) => delivery.eventType))].join(', ');
  const reasons = [...new Set(unseen.map((delivery) => delivery.reason.replace(/[.\s]+$/, '')))].join('; ');
  return (
    `Everything the harness could see passed; attest that the referral platform's ${plural(unseen.length, 'message')} ` +
    `of this run (${types}) reached the merchant's endpoints, from the platform's own webhook log: ${reasons}`
  );
}
