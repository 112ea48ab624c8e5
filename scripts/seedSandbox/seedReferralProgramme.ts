import { SeedError } from './seedError';
import type { SeedStep } from './seedResult';
import type { CatalogueItem } from './catalogueItems';
import { describeRule, mismatches, ruleForExpectedCommissions, type CommissionRule } from './commissionRule';
import { referralCall, type SandboxAccess } from './sandboxAccess';

/**
 * The target's programme and partner at the referral platform. A programme that exists must pay what the target
 * expects (else SeedError, exit 1: nothing is changed); a missing one is created with the one rule that pays every
 * expected commission (sandbox-only `POST /_sandbox/programs`, what the platform's dashboard does). A partner that
 * exists must belong to that programme; a missing one joins it (`POST /_sandbox/partners`).
 */
export async function seedReferralProgramme(
  access: SandboxAccess,
  partner: { key: string; programId: string },
  items: CatalogueItem[],
  targetName: string,
): Promise<SeedStep[]> {
  return [await seedProgramme(access, partner.programId, items, targetName), await seedPartner(access, partner)];
}

async function seedProgramme(access: SandboxAccess, programId: string, items: CatalogueItem[], targetName: string): Promise<SeedStep> {
  const found = await referralCall(access, 'GET', `/v1/programs/${encodeURIComponent(programId)}`);
  if (found.status === 200) {
    const rule = found.body.rule as CommissionRule;
    const wrong = mismatches(rule, items);
    if (wrong.length > 0) {
      throw new SeedError(
        `The referral programme ${programId} already exists and pays ${describeRule(rule)}, not what targets/${targetName} expects (${wrong[0]}): ` +
          `fix expectedCommission in its target.ts, or name another programId to have it created.`,
        1,
      );
    }
    return { changed: false, line: `referral programme ${programId}: pays ${describeRule(rule)}, as the target expects` };
  }
  const rule = ruleForExpectedCommissions(items);
  if (!rule) {
    throw new SeedError(
      `targets/${targetName}'s expected commissions fit no single rule (a percentage or a flat amount per sale), so the programme ${programId} cannot be created: ` +
        `make expectedCommission one rule applied to each price.`,
    );
  }
  const currency = items[0]?.currency ?? 'usd';
  const created = await referralCall(access, 'POST', '/_sandbox/programs', {
    id: programId,
    name: `${targetName} partner programme`,
    rule,
    currency,
  });
  if (created.status !== 200)
    throw new SeedError(`The referral platform refused to create the programme ${programId}: ${errorMessage(created.body)}.`);
  return { changed: true, line: `created referral programme ${programId}: pays ${describeRule(rule)}` };
}

async function seedPartner(access: SandboxAccess, partner: { key: string; programId: string }): Promise<SeedStep> {
  const found = await referralCall(access, 'GET', `/v1/partners/${encodeURIComponent(partner.key)}`);
  if (found.status === 200) {
    if (found.body.program !== partner.programId) {
      throw new SeedError(
        `The partner ${partner.key} already exists in the programme ${String(found.body.program)}, not ${partner.programId}: ` +
          `name another partner key in target.ts (catalogue.partner.key).`,
        1,
      );
    }
    return { changed: false, line: `partner ${partner.key}: in ${partner.programId}` };
  }
  const created = await referralCall(access, 'POST', '/_sandbox/partners', { key: partner.key, program: partner.programId });
  if (created.status !== 200)
    throw new SeedError(`The referral platform refused to add the partner ${partner.key}: ${errorMessage(created.body)}.`);
  return {
    changed: true,
    line: `added partner ${partner.key} to ${partner.programId} (its referral link: your shop's URL with ?via=${partner.key} or ?ref=${partner.key})`,
  };
}

function errorMessage(body: Record<string, unknown>): string {
  const error = body.error as { message?: unknown } | undefined;
  return typeof error?.message === 'string' ? error.message.replace(/\.$/, '') : 'no reason given';
}
