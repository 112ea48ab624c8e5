import { expect } from '@playwright/test';
import { momentAtUnixSeconds } from '../evidence/timeline';
import { pollUntil } from '../polling/pollUntil';
import type { ReferralPlatform } from '../../model/target/referralPlatform';
import type { ReferralClick } from '../../../contracts/referral';
import { platformLabel, platformLimit } from '../referral/platformLimits';
import type { ExpectationContext } from './expectationContext';

/**
 * The referral platform recorded this run's click for the partner: found by `metadata[utm_campaign]=<runId>`; on a
 * platform that cannot find clicks by the run id (`limits.clicksByRunId`: Rewardful, Dub), by the id its tracking
 * script left in the browser (`readBrowserClickId`, the adapter's `browserClickId(page)`), read again at each check
 * since the script records the click asynchronously. A platform with neither fails at once, naming what is missing.
 */
export async function expectClickRecorded(
  referral: ReferralPlatform,
  expected: { runId: string; clickId: string; partnerKey: string; readBrowserClickId?: () => Promise<string | undefined> },
  within: ExpectationContext,
): Promise<ReferralClick> {
  const noRunIdLookup = platformLimit(referral, 'clicksByRunId');
  const click =
    noRunIdLookup === undefined
      ? await clickByRunId(referral, expected, within)
      : await clickInBrowser(referral, expected, noRunIdLookup, within);
  await within.evidence.attachJson('referral click', click);
  within.evidence.timeline?.(momentAtUnixSeconds('referral', `click recorded for ${click.partner_key}`, click.created, click.id));
  expect(click.partner_key, 'the click is credited to the partner whose link was opened').toBe(expected.partnerKey);
  return click;
}

async function clickByRunId(
  referral: ReferralPlatform,
  expected: { runId: string; clickId: string },
  { timeoutMs }: ExpectationContext,
): Promise<ReferralClick> {
  const query = { 'metadata[utm_campaign]': expected.runId };
  const { value: click } = await pollUntil({
    what: `the click ${expected.clickId} with utm_campaign=${expected.runId}`,
    where: `the referral platform's API (GET /v1/clicks?metadata[utm_campaign]=${expected.runId})`,
    timeoutMs,
    check: async (note) => {
      const clicks = await referral.listClicks(query);
      note(`${clicks.data.length} clicks for this run${clicks.data.length ? `: ${clicks.data.map((c) => c.id).join(', ')}` : ''}`);
      return clicks.data.find((candidate) => candidate.id === expected.clickId);
    },
  });
  return click;
}

/** The click (visit) whose id the platform's script left in the browser, retrieved from the platform. */
async function clickInBrowser(
  referral: ReferralPlatform,
  expected: { readBrowserClickId?: () => Promise<string | undefined> },
  noRunIdLookup: string,
  { evidence, timeoutMs }: ExpectationContext,
): Promise<ReferralClick> {
  const name = platformLabel(referral);
  const read = expected.readBrowserClickId;
  if (!referral.browserClickId || !read) {
    throw new Error(
      `The click cannot be found: ${name} cannot look clicks up by the run id (${noRunIdLookup.replace(/[.\s]+$/, '')}), ` +
        `and ${referral.browserClickId ? 'the step gave no page to read the click id from' : 'its adapter has no browserClickId(page) to read the click id its tracking script left in the browser'}: ` +
        'add browserClickId to the referral platform adapter (docs/referral-adapter.md).',
    );
  }
  let seenId: string | undefined;
  const { value: click } = await pollUntil({
    what: `the click ${name}'s tracking script recorded in the browser`,
    where: `the browser (${name}'s cookie or script global, via browserClickId) and ${name}'s API (retrieveClick)`,
    timeoutMs,
    check: async (note) => {
      seenId = await read();
      if (!seenId) {
        note('no click id in the browser yet (is the tracking script on the landing page, with the right public key?)');
        return undefined;
      }
      const found = await referral.retrieveClick(seenId).catch((error: unknown) => {
        note(`click ${seenId} not retrievable yet (${error instanceof Error ? error.message : String(error)})`);
        return undefined;
      });
      return found;
    },
  });
  await evidence.attachJson('click id read from the browser', { clickId: seenId, why: noRunIdLookup });
  return click;
}
