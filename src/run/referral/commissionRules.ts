import type { CommissionRule } from '../../../contracts/referral';

/**
 * The commission a sale earns under a program's rule, in minor units of the sale's currency:
 * percentage → round(sale × pct / 100); flat → quantity × amount.
 */
export function applyCommissionRule(rule: CommissionRule, saleAmount: number, quantity = 1): number {
  assertMinorUnits('saleAmount', saleAmount);
  if (!Number.isInteger(quantity) || quantity < 1) {
    throw new RangeError(`quantity must be a positive integer (got ${quantity}).`);
  }
  switch (rule.type) {
    case 'percentage':
      if (!(rule.percentage >= 0 && rule.percentage <= 100)) {
        throw new RangeError(`A percentage rule needs 0–100 (got ${rule.percentage}).`);
      }
      return Math.round((saleAmount * rule.percentage) / 100);
    case 'flat':
      assertMinorUnits('rule.amount', rule.amount);
      return quantity * rule.amount;
  }
}

/**
 * The commission left after a refund: a full refund leaves 0 (status `refunded`); a partial refund scales
 * the original commission by (sale − refunded) / sale, rounded to minor units.
 */
export function commissionAfterRefund(originalCommission: number, saleAmount: number, refundedAmount: number): number {
  assertMinorUnits('originalCommission', originalCommission);
  assertMinorUnits('saleAmount', saleAmount);
  assertMinorUnits('refundedAmount', refundedAmount);
  if (refundedAmount > saleAmount) {
    throw new RangeError(`refundedAmount (${refundedAmount}) cannot exceed saleAmount (${saleAmount}).`);
  }
  if (saleAmount === 0 || refundedAmount === saleAmount) return 0;
  return Math.round((originalCommission * (saleAmount - refundedAmount)) / saleAmount);
}

function assertMinorUnits(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer in minor units (got ${value}).`);
  }
}
