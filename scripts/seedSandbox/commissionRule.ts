import { describePrice, type CatalogueItem } from './catalogueItems';

/** A referral programme's commission rule, as the sandbox referral platform writes it. */
export type CommissionRule = { type: 'percentage'; percentage: number } | { type: 'flat'; amount: number };

/** What the rule pays for one sale of `amount` minor units, as the platform computes it (rounded to minor units). */
export function commissionFor(rule: CommissionRule, amount: number): number {
  return rule.type === 'percentage' ? Math.round((amount * rule.percentage) / 100) : rule.amount;
}

export function describeRule(rule: CommissionRule): string {
  return rule.type === 'percentage' ? `${rule.percentage} % of the sale` : `${rule.amount} per sale`;
}

/**
 * The one rule that pays every item's expected commission: a percentage (whole first, then to two decimals) or a
 * flat amount. Undefined when no item says what it earns, or when no single rule fits them all.
 */
export function ruleForExpectedCommissions(items: CatalogueItem[]): CommissionRule | undefined {
  const priced = items.filter(
    (item): item is CatalogueItem & { expectedCommission: number } => item.expectedCommission !== undefined && item.unitAmount > 0,
  );
  if (priced.length === 0) return undefined;
  const candidates: CommissionRule[] = [];
  for (const item of priced) {
    const exact = (item.expectedCommission * 100) / item.unitAmount;
    for (const percentage of [Math.round(exact), Math.round(exact * 100) / 100]) {
      if (percentage > 0 && percentage <= 100) candidates.push({ type: 'percentage', percentage });
    }
  }
  candidates.push({ type: 'flat', amount: priced[0]!.expectedCommission });
  return candidates.find((rule) => mismatches(rule, priced).length === 0);
}

/** The items whose expected commission `rule` does not pay, described for a message. */
export function mismatches(rule: CommissionRule, items: CatalogueItem[]): string[] {
  return items
    .filter((item) => item.expectedCommission !== undefined && commissionFor(rule, item.unitAmount) !== item.expectedCommission)
    .map(
      (item) =>
        `${item.name} (${describePrice(item)}): the target expects ${item.expectedCommission}, the rule pays ${commissionFor(rule, item.unitAmount)}`,
    );
}
