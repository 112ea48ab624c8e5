import { test, expect } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHECKLIST, checklistItem } from '../../../../src/model/checklist/catalogue';
import type { ChecklistItem, ChecklistItemId } from '../../../../src/model/checklist/types';
import type { FlowRecord } from '../../../../src/run/evidence/flowRecord';
import { buildSignoff } from '../../../../src/reporting/signoff/buildSignoff';
import { decideChecklist } from '../../../../src/reporting/signoff/decideChecklist';
import { overallVerdict } from '../../../../src/reporting/signoff/overallVerdict';
import type { SignoffDocument } from '../../../../src/reporting/signoff/signoffDocument';
import { signoffSummaryLines } from '../../../../src/reporting/signoff/signoffLines';
import {
  passedFlow,
  passingPreflight,
  purchaseFlow,
  RUN_ID,
  skippedFlow,
  syntheticId,
  syntheticStep,
  writeSyntheticRun,
} from './syntheticRun';

// A newcomer's target: the five required flow methods only (no declines, no double click, no plan, no openSuccessPage).
const TARGET = 'newcomer';
const DECLINE_GAP = `the target "${TARGET}" does not implement submitPaymentExpectingDecline (its flows.ts): a payment that does not go through is what this flow rehearses`;
const DOUBLE_CLICK_GAP = `the target "${TARGET}" does not implement startCheckoutWithDoubleClick (its flows.ts): the double click on Buy is what this flow rehearses`;
const NO_PLAN_GAP = `the target "${TARGET}" declares no subscription plan (its catalogue.plans is empty)`;
const REPLAY_GAP = `the target "${TARGET}" does not implement openSuccessPage (its flows.ts), so the order cannot be read again for the payment`;
const NOT_REHEARSED: ChecklistItemId[] = ['subscription-lifecycle', 'declines-handled', 'no-double-charge'];
const HINT_ONE =
  `To rehearse it, implement what the reason names in targets/${TARGET}/ (a flow method in flows.ts; a plan or a capability in target.ts); ` +
  "or leave it out of this rehearsal deliberately: checklist: { skip: ['declines-handled'] } in rehearsal.config.ts.";
const HINT_ALL =
  `To rehearse them, implement what the reason names in targets/${TARGET}/ (a flow method in flows.ts; a plan or a capability in target.ts); ` +
  "or leave them out of this rehearsal deliberately: checklist: { skip: ['subscription-lifecycle', 'declines-handled', 'no-double-charge'] } in rehearsal.config.ts.";

const declinesTests = (reason: string, targetGap: boolean) =>
  [1, 2, 3, 4].map((n) => skippedFlow('declines', `${RUN_ID}-w1-${n}`, reason, { targetGap }));

/** The webhook-resilience flow ran; only its replay step was skipped, because the target lacks openSuccessPage. */
const resilienceFlow = (n = 1) =>
  passedFlow('webhook-resilience', `${RUN_ID}-w2-${n}`, [
    syntheticStep('3. Pay → one charge despite duplicated, reordered events', ['webhook-handling-resilient']),
    syntheticStep("6. Send the run's events again", ['webhook-handling-resilient'], { reason: REPLAY_GAP, targetGap: true }),
  ]);

/** What a run of the newcomer's target records: skips of the flows it cannot run, marked as target gaps or not. */
function newcomerRun({ targetGap }: { targetGap: boolean }): FlowRecord[] {
  return [
    purchaseFlow(),
    resilienceFlow(),
    ...declinesTests(DECLINE_GAP, targetGap),
    skippedFlow('duplicate-submit', `${RUN_ID}-w1-5`, DOUBLE_CLICK_GAP, { targetGap }),
    skippedFlow('subscribe-renew-cancel', `${RUN_ID}-w1-6`, NO_PLAN_GAP, { targetGap }),
  ];
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

test.describe('a blocking item whose only evidence is a target-gap skip', () => {
  test('is not rehearsed (target-gap), with the reason once however many tests gave it, and a hint', () => {
    const [verdict] = decideChecklist([checklistItem('declines-handled')], passingPreflight(), declinesTests(DECLINE_GAP, true), {
      target: TARGET,
    });
    expect(verdict).toMatchObject({
      status: 'skipped',
      skipKind: 'target-gap',
      reason: `Not rehearsed: the declines flow was skipped: ${DECLINE_GAP}.`,
      hint: HINT_ONE,
    });
    expect(
      verdict!.evidence.map((link) => link.label),
      'each skipped test is linked',
    ).toEqual(Array(4).fill('Flow declines: skipped'));
  });

  test('a step-level target gap is one too', () => {
    const flow = passedFlow('declines', `${RUN_ID}-w1-1`, [
      syntheticStep('3a. Go back to the merchant', ['declines-handled'], {
        reason: `the target "${TARGET}" does not implement returnToMerchantAfterDecline (its flows.ts)`,
        targetGap: true,
      }),
    ]);
    const [verdict] = decideChecklist([checklistItem('declines-handled')], passingPreflight(), [flow], { target: TARGET });
    expect(verdict).toMatchObject({ status: 'skipped', skipKind: 'target-gap', hint: HINT_ONE });
  });

  test('makes the run INCOMPLETE, each item with its reason once, and one hint naming every such item', () => {
    const verdict = overallVerdict(decideChecklist(CHECKLIST, passingPreflight(), newcomerRun({ targetGap: true }), { target: TARGET }), {
      target: TARGET,
    });
    expect(verdict.kind).toBe('incomplete');
    expect(verdict.headline).toBe('INCOMPLETE, not ready to sign off: 3 blocking items were not rehearsed');
    expect(verdict.blockingSkipped).toEqual(NOT_REHEARSED);
    expect(verdict.reasons).toEqual([
      `${checklistItem('subscription-lifecycle').title}: Not rehearsed: the subscribe-renew-cancel flow was skipped: ${NO_PLAN_GAP}.`,
      `${checklistItem('declines-handled').title}: Not rehearsed: the declines flow was skipped: ${DECLINE_GAP}.`,
      `${checklistItem('no-double-charge').title}: Not rehearsed: the duplicate-submit flow was skipped: ${DOUBLE_CLICK_GAP}.`,
    ]);
    expect(verdict.hint).toBe(HINT_ALL);
  });

  test('missing evidence still reads as not run, even next to a target gap', () => {
    const [verdict] = decideChecklist([checklistItem('webhooks-delivered')], passingPreflight(), [
      skippedFlow('subscribe-renew-cancel', `${RUN_ID}-w1-6`, NO_PLAN_GAP, { targetGap: true }),
    ]);
    expect(verdict).toMatchObject({ status: 'skipped', skipKind: 'not-run' });
    expect(verdict!.hint).toBeUndefined();
  });
});

test.describe('what does not gate', () => {
  test('an exemption skip (the item does not apply to this run) leaves the run READY pending attestation, saying so', () => {
    const items = decideChecklist(CHECKLIST, passingPreflight(), newcomerRun({ targetGap: false }), { target: TARGET });
    for (const id of NOT_REHEARSED)
      expect(
        items.find((verdict) => verdict.item.id === id),
        id,
      ).toMatchObject({ status: 'skipped', skipKind: 'with-reason' });
    const verdict = overallVerdict(items, { target: TARGET });
    expect(verdict.kind).toBe('ready-pending-attestation');
    expect(verdict.headline).toBe(
      'READY to go live once attested: every automated blocking item that applies to this run passed (4 skipped with a reason, listed below); ' +
        `${CHECKLIST.filter((item) => item.manual && item.platform === undefined).length} manual items await the signer's attestation`,
    );
    expect(verdict.reasons).toContain(
      `Skipped in this run, with the reason: ${checklistItem('declines-handled').title}: Not rehearsed: the declines flow was skipped: ${DECLINE_GAP}.`,
    );
    expect(verdict.hint).toBeUndefined();
  });

  test('a non-blocking item with a target gap is shown, skipped with the reason, and does not gate', () => {
    const warningItem: ChecklistItem = {
      id: syntheticId('declines-explained'),
      title: 'Declines are explained',
      why: 'why',
      source: 'payments-runbook',
      sourceDetail: 'runbook',
      severity: 'warning',
      flows: ['declines'],
    };
    const items = decideChecklist([warningItem], passingPreflight(), declinesTests(DECLINE_GAP, true), { target: TARGET });
    expect(items[0]).toMatchObject({
      status: 'skipped',
      skipKind: 'with-reason',
      reason: `Not rehearsed: the declines flow was skipped: ${DECLINE_GAP}.`,
    });
    expect(items[0]!.hint).toBeUndefined();
    expect(overallVerdict(items).kind).toBe('ready-pending-attestation');
  });

  test('an item listed in checklist.skip does not gate, whatever the target lacks', () => {
    const items = decideChecklist(CHECKLIST, passingPreflight(), newcomerRun({ targetGap: true }), {
      target: TARGET,
      skipItems: NOT_REHEARSED,
    });
    for (const id of NOT_REHEARSED) {
      expect(
        items.find((verdict) => verdict.item.id === id),
        id,
      ).toMatchObject({
        status: 'skipped',
        skipKind: 'with-reason',
        reason: "Not in this rehearsal's checklist (rehearsal.config.ts).",
      });
    }
    const verdict = overallVerdict(items, { target: TARGET });
    expect(verdict.kind).toBe('ready-pending-attestation');
    expect(verdict.blockingSkipped).toEqual([]);
    expect(verdict.hint).toBeUndefined();
  });

  test('a target gap in part of an item that passed is a warning, shown once however many tests gave it', () => {
    const [verdict] = decideChecklist(
      [checklistItem('webhook-handling-resilient')],
      passingPreflight(),
      [resilienceFlow(1), resilienceFlow(2)],
      { target: TARGET },
    );
    expect(verdict).toMatchObject({ status: 'passed', reason: '2 steps passed in webhook-resilience.' });
    expect(verdict!.warnings).toEqual([`Not rehearsed: webhook-resilience › 6. Send the run's events again was skipped: ${REPLAY_GAP}.`]);
  });
});

test.describe('the sign-off of the newcomer run', () => {
  let root: string;

  test.beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'signoff-gaps-'));
  });

  test.afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('signoff.json, signoff.html and the console say INCOMPLETE, with each reason once and the hint', async ({ page }) => {
    test.setTimeout(120_000); // prints a PDF with Chromium on a loaded machine
    const runDir = path.join(root, RUN_ID);
    await writeSyntheticRun(runDir, newcomerRun({ targetGap: true }), passingPreflight());
    const built = await buildSignoff({
      runDir,
      runId: RUN_ID,
      mode: 'test',
      target: TARGET,
      operator: 'op',
      gitCommit: 'unknown',
      startedAt: new Date('2026-11-23T17:45:00Z'),
      endedAt: new Date('2026-11-23T17:47:30Z'),
    });

    const document = JSON.parse(await readFile(built.json, 'utf8')) as SignoffDocument;
    expect(document.verdict).toMatchObject({ kind: 'incomplete', blockingSkipped: NOT_REHEARSED, hint: HINT_ALL });
    const declines = document.items.find((verdict) => verdict.item.id === 'declines-handled')!;
    expect(declines).toMatchObject({ skipKind: 'target-gap', hint: HINT_ONE });
    expect(occurrences(declines.reason, DECLINE_GAP)).toBe(1);
    expect(document.flows.filter((flow) => flow.flow === 'declines').map((flow) => flow.skipKind)).toEqual(Array(4).fill('target-gap'));

    const console = signoffSummaryLines(built);
    expect(console.at(-1)).toBe(`  → ${HINT_ALL}`);
    expect(console.filter((line) => line.includes(DECLINE_GAP))).toHaveLength(1);
    expect(console).toContain('⊘ INCOMPLETE, not ready to sign off: 3 blocking items were not rehearsed');

    await page.goto(pathToFileURL(built.html).href);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'incomplete');
    await expect(page.getByTestId('verdict-hint')).toHaveText(`→ ${HINT_ALL}`);
    expect(occurrences(await page.getByTestId('verdict-reasons').innerText(), DECLINE_GAP)).toBe(1);
    const row = page.getByTestId('checklist-row-declines-handled');
    await expect(row).toHaveAttribute('data-status', 'skipped');
    expect(occurrences(await row.innerText(), DECLINE_GAP)).toBe(1);
    await expect(page.getByTestId('checklist-hint-declines-handled')).toHaveText(`→ ${HINT_ONE}`);
  });
});
