import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { CHECKLIST, checklistItem } from '../../../../src/model/checklist/catalogue';
import { outOfScope } from '../../../../src/model/checklist/rehearsalScope';
import type { PreflightReport } from '../../../../src/model/checklist/types';
import type { FlowRecord } from '../../../../src/run/evidence/flowRecord';
import { buildSignoff } from '../../../../src/reporting/signoff/buildSignoff';
import { decideChecklist } from '../../../../src/reporting/signoff/decideChecklist';
import { overallVerdict } from '../../../../src/reporting/signoff/overallVerdict';
import type { SignoffDocument } from '../../../../src/reporting/signoff/signoffDocument';
import { NO_REFERRAL_PROGRAMME } from '../../../../src/model/target/referralProgramme';
import { checkResult, completeFlows, passingPreflight, RUN_ID, syntheticStep, writeSyntheticRun } from './syntheticRun';

/* A payment-only merchant (capabilities.referralProgramme: false): its referral items are not in this rehearsal. */

const SCOPE = outOfScope({ capabilities: { referralProgramme: false } });
/** Every item about the referral programme, Rewardful's and Dub's own go-live steps among them. */
const REFERRAL_ITEMS = CHECKLIST.filter((item) => item.referralProgramme).map((item) => item.id);
const REASON = 'Not in this rehearsal: this merchant runs no referral programme (capabilities.referralProgramme: false).';

/** The preflight of a payment-only merchant: its referral checks not run, the report saying which items it leaves out. */
function paymentOnlyPreflight(): PreflightReport {
  const passing = passingPreflight();
  const results = passing.results.map((result) =>
    REFERRAL_ITEMS.includes(result.item)
      ? checkResult(result.check, result.item, 'skipped', `Not checked: not in this rehearsal: ${NO_REFERRAL_PROGRAMME}.`)
      : result,
  );
  return { ...passing, results, outOfScope: SCOPE };
}

/** Every flow passed its payment steps; every referral step was skipped with the reason, as the scenarios record it. */
function paymentOnlyFlows(): FlowRecord[] {
  return completeFlows().map((record) => ({
    ...record,
    outOfScope: SCOPE,
    steps: record.steps.map((step) =>
      step.checklist.some((id) => REFERRAL_ITEMS.includes(id))
        ? syntheticStep(step.title, step.checklist, { reason: NO_REFERRAL_PROGRAMME })
        : step,
    ),
  }));
}

test('the referral items are not in this rehearsal, like checklist.skip items: skipped with the reason, and the run can be READY', () => {
  expect(SCOPE).toEqual([{ items: REFERRAL_ITEMS, reason: NO_REFERRAL_PROGRAMME }]);
  const items = decideChecklist(CHECKLIST, paymentOnlyPreflight(), paymentOnlyFlows());
  for (const id of REFERRAL_ITEMS) {
    expect(
      items.find((verdict) => verdict.item.id === id),
      id,
    ).toMatchObject({ status: 'skipped', skipKind: 'with-reason', reason: REASON, warnings: [] });
  }
  // The same status and kind as an item rehearsal.config.ts's checklist.skip lists.
  const skippedByConfig = decideChecklist([checklistItem('referral-click-tracked')], paymentOnlyPreflight(), paymentOnlyFlows(), {
    skipItems: ['referral-click-tracked'],
  })[0]!;
  expect({ status: skippedByConfig.status, skipKind: skippedByConfig.skipKind }).toEqual({ status: 'skipped', skipKind: 'with-reason' });

  const verdict = overallVerdict(items);
  expect(verdict.kind).toBe('ready-pending-attestation');
  expect(verdict.blockingSkipped).toEqual([]);
  expect(verdict.awaitingAttestation, 'no one attests partner terms of a programme that does not exist').not.toContain(
    'partner-terms-published',
  );
  expect(verdict.reasons).toContain(`Skipped in this run, with the reason: ${checklistItem('referral-click-tracked').title}: ${REASON}`);
  // Every other item is decided as before: none of them is skipped for the referral reason.
  for (const verdictOfItem of items.filter((candidate) => !REFERRAL_ITEMS.includes(candidate.item.id))) {
    expect(verdictOfItem.reason, verdictOfItem.item.id).not.toContain('referral programme');
  }
});

test('a run that mixed in a target with a referral programme decides the referral items from the evidence', () => {
  const flows = paymentOnlyFlows();
  const withProgramme = { ...completeFlows().find((record) => record.flow === 'referral-purchase-refund')!, testRunId: `${RUN_ID}-w1-99` };
  const items = decideChecklist(CHECKLIST, paymentOnlyPreflight(), [...flows, withProgramme]);
  const click = items.find((verdict) => verdict.item.id === 'referral-click-tracked')!;
  expect(click.status).toBe('passed');
  // Not every record of the run leaves it out: it awaits the signer's attestation as usual.
  expect(items.find((verdict) => verdict.item.id === 'partner-terms-published')!.status).toBe('awaiting-attestation');
});

test.describe('the sign-off of a payment-only run', () => {
  let root: string;
  test.beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'signoff-payment-only-'));
  });
  test.afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('signoff.json and signoff.html list the referral items as not in this rehearsal, and the verdict READY', async ({ page }) => {
    test.setTimeout(120_000); // prints a PDF with Chromium on a loaded machine
    const runDir = path.join(root, RUN_ID);
    await writeSyntheticRun(runDir, paymentOnlyFlows(), paymentOnlyPreflight());
    const built = await buildSignoff({
      runDir,
      runId: RUN_ID,
      mode: 'test',
      target: 'payment-only-demo',
      operator: 'op',
      gitCommit: 'unknown',
      startedAt: new Date('2026-11-23T17:45:00Z'),
      endedAt: new Date('2026-11-23T17:47:30Z'),
    });
    const document = JSON.parse(await readFile(built.json, 'utf8')) as SignoffDocument;
    expect(document.verdict.kind).toBe('ready-pending-attestation');
    expect(document.items.filter((verdict) => verdict.reason === REASON).map((verdict) => verdict.item.id)).toEqual(REFERRAL_ITEMS);

    await page.goto(pathToFileURL(built.html).href);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'ready-pending-attestation');
    const row = page.getByTestId('checklist-row-refund-reverses-commission');
    await expect(row).toHaveAttribute('data-status', 'skipped');
    await expect(row).toContainText(REASON);
  });
});
