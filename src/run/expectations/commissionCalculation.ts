import { formatMoney } from '../../base/formatMoney';
import type { ReferralPlatform } from '../../model/target/referralPlatform';
import { applyCommissionRule } from '../referral/commissionRules';
import { platformLimit } from '../referral/platformLimits';

/** The commission a sale should earn, where that figure came from, and what the evidence shows of it. */
export interface CommissionCalculation {
  expectedAmount: number;
  /** For an assertion's message: "the program's rule applied to 20.00 USD", or the target's agreed amount. */
  because: string;
  evidence: Record<string, unknown>;
}

/**
 * The commission a sale of `saleAmount` should earn: the programme's rule read from the platform
 * (`retrieveProgram`), as the harness computes it; for a platform whose API returns no programme (`limits.program`),
 * the target's agreed commission, and the evidence says the rule was taken from the target, not read from the platform.
 */
export async function commissionCalculation(
  referral: ReferralPlatform,
  sale: { programId: string; saleAmount: number; agreedAmount: number; currency: string },
): Promise<CommissionCalculation> {
  const { programId, saleAmount, agreedAmount, currency } = sale;
  if (!referral.retrieveProgram) {
    const why = platformLimit(referral, 'program')!;
    return {
      expectedAmount: agreedAmount,
      because: `the commission agreed in the target for ${formatMoney(saleAmount, currency)} (the rule was taken from the target, not read from the platform)`,
      evidence: {
        ruleSource: 'target',
        note: `the commission rule was taken from the target's agreed commission, not read from the platform: ${why}`,
        saleAmount,
        expectedAmount: agreedAmount,
        agreedAmount,
      },
    };
  }
  const program = await referral.retrieveProgram(programId);
  const expectedAmount = applyCommissionRule(program.rule, saleAmount);
  return {
    expectedAmount,
    because: `the program's rule applied to ${formatMoney(saleAmount, currency)}`,
    evidence: { program: program.id, rule: program.rule, saleAmount, expectedAmount, agreedAmount },
  };
}
