import { expect } from '@playwright/test';
import { momentAtUnixSeconds } from '../evidence/timeline';
import { pollUntil } from '../polling/pollUntil';
import type { ReferralPlatform } from '../../model/target/referralPlatform';
import type { ReferralClick } from '../../../contracts/referral';
import type { ExpectationContext } from './expectationContext';

/** The referral platform recorded this run's click (found by `metadata[utm_campaign]=<runId>`) for the partner. */
export async function expectClickRecorded(
  referral: ReferralPlatform,
  expected: { runId: string; clickId: string; partnerKey: string },
  { evidence, timeoutMs }: ExpectationContext,
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
  await evidence.attachJson('referral click', click);
  evidence.timeline?.(momentAtUnixSeconds('referral', `click recorded for ${click.partner_key}`, click.created, click.id));
  expect(click.partner_key, 'the click is credited to the partner whose link was opened').toBe(expected.partnerKey);
  return click;
}
