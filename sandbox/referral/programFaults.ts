import type { FaultSwitches } from '../faults';
import { isZeroDecimal } from '../currencies';
import type { PlatformProgram } from './platformObjects';

/**
 * The program as the platform applies and shows it. The defect `referral.wrong-commission-rate`: the demo
 * program's percentage rule is configured at 10 % instead of the agreed 20 %. Read per use, so a test may
 * switch it on while the platform runs.
 */
export function effectiveProgram(program: PlatformProgram, faults: FaultSwitches): PlatformProgram {
  if (program.id !== 'prog_demo' || program.rule.type !== 'percentage' || !faults.has('referral.wrong-commission-rate')) return program;
  return { ...program, rule: { type: 'percentage', percentage: 10 } };
}

/**
 * The sale amount the platform records and applies the rule to, in minor units. The defect
 * `referral.zero-decimal-as-cents`: a zero-decimal amount (1500 jpy) is divided by 100 as if it were cents (15).
 */
export function recordedSaleAmount(amount: number, currency: string, faults: FaultSwitches): number {
  if (!isZeroDecimal(currency) || !faults.has('referral.zero-decimal-as-cents')) return amount;
  return Math.round(amount / 100);
}

/**
 * How the platform rounds a commission to minor units. The defect `referral.commission-truncated` cuts the
 * fraction off (299.8 → 299) instead of rounding it (300).
 */
export function commissionRounding(faults: FaultSwitches): (value: number) => number {
  return faults.has('referral.commission-truncated') ? Math.floor : Math.round;
}
