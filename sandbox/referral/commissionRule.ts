import type { CommissionRule } from '../../contracts/referral';

/** The commission a sale earns: `percentage` → round(amount × pct / 100); `flat` → quantity × amount. */
export function commissionFor(
  rule: CommissionRule,
  saleAmount: number,
  quantity: number,
  round: (value: number) => number = Math.round,
): number {
  if (rule.type === 'percentage') return round((saleAmount * rule.percentage) / 100);
  return quantity * rule.amount;
}
