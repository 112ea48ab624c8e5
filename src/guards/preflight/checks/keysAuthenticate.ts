import { notInRehearsal } from '../../../model/checklist/rehearsalScope';
import { NO_REFERRAL_PROGRAMME, referralAccess, referralPartner, runsReferralProgramme } from '../../../model/target/referralProgramme';
import { platformLabel } from '../../../run/referral/platformLimits';
import { describeError, errorStatus } from '../describeError';
import { failed, passed } from '../outcome';
import { capitalise } from '../sentence';
import type { PreflightCheck, PreflightContext } from '../types';

/**
 * keys-valid-for-mode: the provider secret key answers `GET /v1/account` and the referral secret key answers
 * `GET /v1/programs/<programId>` (for a payment-only merchant, the provider key alone: it has no referral key). A
 * platform whose API returns no programme (Rewardful, Dub) is asked for its partners instead (`listPartners`).
 */
export const keysAuthenticate: PreflightCheck = {
  id: 'keys.authenticate',
  item: 'keys-valid-for-mode',
  async run(context) {
    const provider = await providerFinding(context);
    const programme = runsReferralProgramme(context.target);
    const referral = programme ? await referralFinding(context) : noReferralFinding();
    const problems = [provider, referral].filter((finding) => !finding.ok);
    const details = [provider.line, referral.line];
    const evidence = { provider: provider.evidence, referral: referral.evidence };
    if (problems.length === 0) {
      return passed(
        programme
          ? 'The provider and referral platform secret keys both work.'
          : 'The provider secret key works (there is no referral key to check).',
        { details, evidence },
      );
    }
    return failed(problems.map((problem) => problem.line).join(' '), { details, evidence });
  },
};

interface Finding {
  ok: boolean;
  line: string;
  evidence: unknown;
}

async function providerFinding(context: PreflightContext): Promise<Finding> {
  const { apiBase } = context.environment.provider;
  try {
    const account = await context.account();
    const name = account.settings?.dashboard?.display_name ?? account.business_profile?.name ?? undefined;
    return {
      ok: true,
      line: `The provider secret key opens account ${account.id}${name ? ` ("${name}")` : ''} at ${apiBase} (GET /v1/account).`,
      evidence: { account: account.id, displayName: name ?? null, requestId: account.lastResponse.requestId ?? null },
    };
  } catch (error) {
    const status = errorStatus(error);
    const line =
      status === 401 || status === 403
        ? `The provider at ${apiBase} refused the secret key (GET /v1/account answered ${status}): set STRIPE_SECRET_KEY to a working secret key of the account you mean to use.`
        : `Could not check the provider secret key at ${apiBase} (GET /v1/account: ${describeError(error)}): check REHEARSAL_PROVIDER_API_BASE and that the provider is reachable.`;
    return { ok: false, line, evidence: { error: describeError(error), status: status ?? null } };
  }
}

/** A payment-only merchant has no referral platform key: nothing to check, and nothing wrong. */
function noReferralFinding(): Finding {
  return { ok: true, line: `The referral platform key was not checked: ${notInRehearsal(NO_REFERRAL_PROGRAMME)}.`, evidence: null };
}

async function referralFinding(context: PreflightContext): Promise<Finding> {
  const { apiBase } = referralAccess(context.target, context.environment);
  const { programId } = referralPartner(context.target);
  if (!context.referral.retrieveProgram) return partnersFinding(context, apiBase);
  try {
    const program = await context.referral.retrieveProgram(programId);
    return {
      ok: true,
      line: `The referral platform secret key opens programme ${program.id} ("${program.name}") at ${apiBase}.`,
      evidence: { program: program.id, name: program.name },
    };
  } catch (error) {
    const status = errorStatus(error);
    let line: string;
    if (status === 401 || status === 403) {
      line = `The referral platform at ${apiBase} refused the secret key (GET /v1/programs/${programId} answered ${status}): set REFERRAL_SECRET_KEY to a working secret key.`;
    } else if (status === 404) {
      line = `The referral platform at ${apiBase} has no programme ${programId} for this secret key: set the key of the account that runs the programme, or correct the target's programme id.`;
    } else {
      line = `Could not check the referral platform secret key at ${apiBase} (GET /v1/programs/${programId}: ${describeError(error)}): check REFERRAL_API_BASE and that the platform is reachable.`;
    }
    return { ok: false, line, evidence: { error: describeError(error), status: status ?? null } };
  }
}

/** For a platform without a programme API: the secret key must list the account's partners (one is enough). */
async function partnersFinding(context: PreflightContext, apiBase: string): Promise<Finding> {
  const name = platformLabel(context.referral);
  try {
    const partners = await context.referral.listPartners({ limit: 1 });
    return {
      ok: true,
      line: `${capitalise(name)}'s secret key lists the account's partners at ${apiBase} (its API returns no programme to open).`,
      evidence: { partnersListed: partners.data.length },
    };
  } catch (error) {
    const status = errorStatus(error);
    const line =
      status === 401 || status === 403
        ? `${capitalise(name)} at ${apiBase} refused the secret key (listing partners answered ${status}): set REFERRAL_SECRET_KEY to a working secret key.`
        : `Could not check ${name}'s secret key at ${apiBase} (listing partners: ${describeError(error)}): check REFERRAL_API_BASE and that the platform is reachable.`;
    return { ok: false, line, evidence: { error: describeError(error), status: status ?? null } };
  }
}
