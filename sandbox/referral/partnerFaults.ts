import type { FaultSwitches } from '../faults';
import type { CustomerAttribution, ReferralStore } from './store';

/**
 * The partner a conversion is credited to: the click's. The defect `referral.wrong-partner-attribution` credits
 * the programme's most recently joined partner instead (a "latest partner of the programme" lookup in place of
 * the click's partner), so one partner is paid for another's sale.
 */
export function creditedAttribution(store: ReferralStore, attribution: CustomerAttribution, faults: FaultSwitches): CustomerAttribution {
  if (!faults.has('referral.wrong-partner-attribution')) return attribution;
  const members = [...store.partners.values()].filter((partner) => partner.program === attribution.program);
  const newest = members.reduce<(typeof members)[number] | undefined>(
    (latest, partner) => (!latest || partner.created >= latest.created ? partner : latest),
    undefined,
  );
  return newest ? { ...attribution, partner: newest.id } : attribution;
}
