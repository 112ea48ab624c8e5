import { failed, passed, skipped } from './outcome';
import { readPageScripts, type ScriptAttributes } from './pageScripts';
import type { CheckOutcome, PreflightContext } from './types';

/** What a platform's tracking script looks like in a page, and the key it must carry. */
export interface PlatformScript {
  /** The platform, in the sign-off's words ("Rewardful"). */
  platform: string;
  /** The script, in words ("Rewardful's tracking script (rw.js)"). */
  script: string;
  /** True for the platform's script tag. */
  isScript(attributes: ScriptAttributes): boolean;
  /** The attribute carrying the public key (`data-rewardful`, `data-publishable-key`). */
  keyAttribute: string;
  /** The key must be there (Rewardful); else it is judged only when the tag carries one (Dub's click tracking needs none). */
  keyRequired: boolean;
  /** The environment variable holding the expected key, for the advice. */
  keyVariable: string;
}

interface PageFinding {
  url: string;
  problem?: string;
  key?: string | null;
}

/**
 * Every customer page (`goLive.customerPages`) has the platform's tracking script, carrying the account's public key
 * (`REFERRAL_PUBLISHABLE_KEY`). Read from each page's HTML as served. Public keys are public: they may be shown.
 */
export async function checkPlatformScript(context: PreflightContext, spec: PlatformScript): Promise<CheckOutcome> {
  const paths = context.target.goLive.customerPages;
  if (paths.length === 0) {
    return skipped(`The target lists no customer pages (goLive.customerPages), so no page was read for ${spec.script}.`);
  }
  const expected = context.environment.referral?.publishableKey ?? '';
  const pages = await readPageScripts(context.environment.merchant.baseUrl, paths);
  const findings = pages.map((page): PageFinding => {
    if ('error' in page) return { url: page.url, problem: `could not be read (${page.error})` };
    const tag = page.scripts.find((attributes) => spec.isScript(attributes));
    if (!tag) return { url: page.url, problem: `has no ${spec.script}` };
    const key = tag[spec.keyAttribute];
    if (key === undefined || key === '') {
      return spec.keyRequired
        ? { url: page.url, key: null, problem: `has ${spec.script} without its key (${spec.keyAttribute})` }
        : { url: page.url, key: null };
    }
    if (key !== expected) return { url: page.url, key, problem: `has ${spec.script} with the key ${key}, not ${expected}` };
    return { url: page.url, key };
  });
  const evidence = { expectedKey: expected, pages: findings };
  const details = findings.map((finding) =>
    finding.problem
      ? `${finding.url} ${finding.problem}.`
      : `${finding.url} has ${spec.script}${finding.key ? ` with the key ${finding.key}` : ''}.`,
  );
  const wrong = findings.filter((finding) => finding.problem !== undefined);
  if (wrong.length === 0) {
    return passed(
      `${spec.script} is on all ${findings.length} customer pages${expected ? `, with the key ${expected}${spec.keyRequired ? '' : ' where it carries one'}` : ''}.`,
      {
        details,
        evidence,
      },
    );
  }
  const first = wrong[0]!;
  const more = wrong.length > 1 ? ` (and ${wrong.length - 1} more page${wrong.length === 2 ? '' : 's'}, listed below)` : '';
  return failed(
    `${first.url} ${first.problem}${more}: put ${spec.platform}'s snippet with ${spec.keyVariable} (${expected}) in the <head> of every customer page.`,
    { details, evidence },
  );
}
