import { formatMoney } from '../../../base/formatMoney';
import { applyCommissionRule } from '../../../run/referral/commissionRules';
import type { CommissionRule } from '../../../../contracts/referral';
import { agreedCommission, referralPartner } from '../../../model/target/referralProgramme';
import { catalogueEntries } from '../catalogueEntries';
import { platformLimit } from '../../../run/referral/platformLimits';
import { failed, passed, skipped } from '../outcome';
import type { CheckOutcome, PreflightCheck, PreflightContext } from '../types';

/**
 * commission-rule-as-agreed: the programme's rule applied to each catalogue price equals its agreed
 * `expectedCommission`. Not run for a payment-only merchant (runPreflight leaves its referral items out). A platform
 * whose API returns no programme (`limits.program`): skipped, the rule taken from the target's agreed commissions.
 */
export const referralCommissionRule: PreflightCheck = {
  id: 'referral.commission-rule',
  item: 'commission-rule-as-agreed',
  async run(context) {
    const { programId } = referralPartner(context.target);
    if (!context.referral.retrieveProgram) return ruleFromTarget(context);
    const program = await context.referral.retrieveProgram(programId);
    const rule = describeRule(program.rule, program.currency);
    const rows = catalogueEntries(context.target.catalogue).map((entry) => {
      const pays = applyCommissionRule(program.rule, entry.unitAmount);
      const agreed = agreedCommission(context.target, entry);
      return { entry: entry.label, sale: formatMoney(entry.unitAmount, entry.currency), pays, agreed, currency: entry.currency };
    });
    const wrong = rows.filter((row) => row.pays !== row.agreed);
    const details = rows.map(
      (row) =>
        `${row.entry}: a ${row.sale} sale pays ${formatMoney(row.pays, row.currency)}${row.pays === row.agreed ? ', as agreed' : `, but ${formatMoney(row.agreed, row.currency)} was agreed`}.`,
    );
    const evidence = { program: { id: program.id, name: program.name, rule: program.rule, currency: program.currency }, rows };
    const where = `The programme "${program.name}" (${program.id})`;
    if (wrong.length === 0)
      return passed(`${where} pays ${rule}, which gives the agreed commission on all ${rows.length} catalogue prices.`, {
        details,
        evidence,
      });
    const first = wrong[0]!;
    return failed(
      `${where} pays ${rule}, so ${first.entry} earns ${formatMoney(first.pays, first.currency)} instead of the agreed ${formatMoney(first.agreed, first.currency)}` +
        `${wrong.length > 1 ? ` (and ${wrong.length - 1} more prices are off)` : ''}: correct the programme's commission rule at the referral platform, or the agreed amounts if the agreement changed.`,
      { details, evidence },
    );
  },
};

function describeRule(rule: CommissionRule, currency: string): string {
  return rule.type === 'percentage' ? `${rule.percentage} % of each sale` : `a flat ${formatMoney(rule.amount, currency)} per sale`;
}

/**
 * No programme API: nothing at the platform to compare with. The rule is the target's (each price's agreed
 * commission), which the flows hold every commission to; the operator compares it with the platform's dashboard.
 */
function ruleFromTarget(context: PreflightContext): CheckOutcome {
  const why = platformLimit(context.referral, 'program')!;
  const rows = catalogueEntries(context.target.catalogue).map((entry) => ({
    entry: entry.label,
    sale: formatMoney(entry.unitAmount, entry.currency),
    agreed: formatMoney(agreedCommission(context.target, entry), entry.currency),
  }));
  return skipped(
    `The commission rule was taken from the target, not read from the platform: ${why}. ` +
      "The flows check each commission against the target's agreed amounts; compare them with the programme's rule in the platform's dashboard.",
    {
      details: rows.map((row) => `${row.entry}: a ${row.sale} sale is agreed to pay ${row.agreed} (the target's catalogue).`),
      evidence: { ruleSource: 'target', limit: why, rows },
    },
  );
}
