import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { CHECKLIST } from '../../../../src/model/checklist/catalogue';
import { writeInterruption, type Interruption } from '../../../../src/run/evidence/interruption';
import { buildSignoff, type BuiltSignoff } from '../../../../src/reporting/signoff/buildSignoff';
import { decideChecklist } from '../../../../src/reporting/signoff/decideChecklist';
import type { Manifest } from '../../../../src/reporting/signoff/manifest';
import { overallVerdict } from '../../../../src/reporting/signoff/overallVerdict';
import { readRunEvidence } from '../../../../src/reporting/signoff/readRunEvidence';
import { verdictInterruption } from '../../../../src/reporting/signoff/runInterruption';
import type { SignoffDocument } from '../../../../src/reporting/signoff/signoffDocument';
import {
  completeFlows,
  INTERRUPTED_PAYMENT_SHOT,
  INTERRUPTED_TEST_RUN_ID,
  interruptedPurchaseProgress,
  passingPreflight,
  RUN_ID,
  TINY_PNG,
  writeProgressJournal,
  writeSyntheticRun,
} from './syntheticRun';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const JOURNAL = `evidence/flow-progress/${INTERRUPTED_TEST_RUN_ID}.jsonl`;

let root: string;

test.beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'signoff-interrupted-'));
});

test.afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function signoffOf(
  name: string,
  prepare: (runDir: string) => Promise<void>,
): Promise<{ built: BuiltSignoff; document: SignoffDocument; runDir: string }> {
  const runDir = path.join(root, name, RUN_ID);
  await prepare(runDir);
  const built = await buildSignoff({
    runDir,
    runId: RUN_ID,
    mode: 'test',
    target: 'demo',
    operator: 'Ada Operator',
    gitCommit: 'unknown',
    startedAt: new Date('2026-11-23T17:45:00Z'),
    endedAt: new Date('2026-11-23T17:47:30Z'),
  });
  return { built, document: JSON.parse(await readFile(built.json, 'utf8')) as SignoffDocument, runDir };
}

/** Every flow passed but the referral purchase, whose worker was killed while paying (its payment screenshot taken). */
async function runWithKilledPurchase(runDir: string): Promise<void> {
  await writeSyntheticRun(
    runDir,
    completeFlows().filter((flow) => flow.flow !== 'referral-purchase-refund'),
    passingPreflight(),
  );
  await writeProgressJournal(runDir, interruptedPurchaseProgress());
}

test('a flow that left its payment screenshot and no final record is interrupted in the sign-off, with its evidence, not "did not run"', async ({
  page,
}) => {
  const { built, document } = await signoffOf('killed-purchase', runWithKilledPurchase);

  const flow = document.flows.find((candidate) => candidate.testRunId === INTERRUPTED_TEST_RUN_ID);
  expect(flow).toMatchObject({
    flow: 'referral-purchase-refund',
    status: 'interrupted',
    record: JOURNAL,
    interruption: { during: '2. Pay on the hosted checkout page', finalRecord: false, moneyMayBeLeft: true },
    screenshots: [
      { name: 'payment page (card fields masked)', file: INTERRUPTED_PAYMENT_SHOT, step: '2. Pay on the hosted checkout page' },
    ],
    providerRequests: { total: 1, withoutRequestId: 0 },
  });
  expect(flow!.steps.map((step) => [step.title, step.status])).toEqual([
    ['1. Open the referral link', 'passed'],
    ['2. Pay on the hosted checkout page', 'interrupted'],
  ]);
  expect(flow!.interruption!.summary).toBe(
    'Started; 1 step passed; interrupted during step "2. Pay on the hosted checkout page" (stopped before it wrote its flow record: this is its progress journal)',
  );
  expect(flow!.interruption!.evidence).toContainEqual({
    label: 'Screenshot: payment page (card fields masked)',
    href: INTERRUPTED_PAYMENT_SHOT,
  });

  // Items only the killed flow decides are not decided (no one's failure); nothing says it "did not run".
  const item = (id: string) => document.items.find((verdict) => verdict.item.id === id)!;
  for (const id of ['refund-end-to-end', 'refund-reverses-commission']) {
    expect(item(id)).toMatchObject({ status: 'skipped', skipKind: 'interrupted' });
    expect(item(id).reason).toMatch(
      /^Not decided: the referral-purchase-refund flow was interrupted during step "2\. Pay on the hosted checkout page"/,
    );
  }
  expect(JSON.stringify(document.items)).not.toContain('did not run');
  // Decided by another flow too: passed, with the interruption as a warning; the payment screenshot is linked.
  expect(item('payment-end-to-end').status).toBe('passed');
  expect(item('payment-end-to-end').warnings.join(' ')).toContain('the referral-purchase-refund flow was interrupted');
  expect(item('payment-end-to-end').evidence).toContainEqual({
    label: 'Screenshot: payment page (card fields masked)',
    href: INTERRUPTED_PAYMENT_SHOT,
  });
  expect(document.items.filter((verdict) => verdict.status === 'failed')).toEqual([]);

  expect(document.verdict.kind).toBe('incomplete');
  expect(document.verdict.headline).toBe('INCOMPLETE, not ready to sign off: 1 flow was interrupted; 2 blocking items were not rehearsed');
  expect(document.verdict.reasons[0]).toContain(
    'Money may be left at the provider: the referral-purchase-refund test was stopped before its own cleanup ran; run `npx rehearse cleanup`',
  );

  await page.goto(pathToFileURL(built.html).href);
  const section = page.getByTestId('flow-referral-purchase-refund').and(page.locator('[data-status="interrupted"]'));
  await expect(section).toContainText('Interrupted');
  await expect(section).toContainText('⚠ Interrupted');
  await expect(
    section.getByTestId('interrupted-evidence').getByRole('link', { name: 'Screenshot: payment page (card fields masked)' }),
  ).toHaveAttribute('href', INTERRUPTED_PAYMENT_SHOT);
  await expect(section.getByTestId('interrupted-evidence').getByRole('link', { name: /^Progress journal/ })).toHaveAttribute(
    'href',
    JOURNAL,
  );
  await expect(section.getByTestId('flow-cleanup')).toContainText('npx rehearse cleanup');
  await expect(page.getByTestId('checklist-row-refund-end-to-end')).toContainText(
    'Not decided: the referral-purchase-refund flow was interrupted',
  );
  await expect(page.getByTestId('interruption')).toContainText('npx rehearse cleanup');

  const manifest = JSON.parse(await readFile(built.manifest.file, 'utf8')) as Manifest;
  expect(manifest.files.map((file) => file.path)).toEqual(expect.arrayContaining([JOURNAL, INTERRUPTED_PAYMENT_SHOT]));
});

const CLEANUP_LINES = [
  '▸ Interrupted (SIGINT): cleaning up what this rehearsal left at the provider…',
  `▸ Run ${INTERRUPTED_TEST_RUN_ID} (test mode, started 2026-11-23T17:46:02.000Z)`,
  `  ✓ refunded charge ch_1Interrupted 20.00 USD (refund re_1Interrupted) [run ${INTERRUPTED_TEST_RUN_ID}]`,
  `  ✗ could not clean up subscription sub_1Interrupted: the provider answered 500 [run ${INTERRUPTED_TEST_RUN_ID}]`,
  '  ✗ cleanup incomplete: 1 refunded, 0 canceled or expired, 0 already clean, 1 failed across 1 run(s); run `rehearse cleanup`',
];

const INTERRUPTION: Interruption = {
  cause: 'signal',
  signal: 'SIGINT',
  playwrightExitCode: 130,
  at: '2026-11-23T17:47:20.000Z',
  cleanupLines: CLEANUP_LINES,
  cleanupOutcome: 'incomplete',
};

test('interruption.json: the cause, the cleanup lines and an incomplete outcome (money may be left) are in signoff.html and signoff.json', async ({
  page,
}) => {
  const { built, document } = await signoffOf('sigint', async (runDir) => {
    await runWithKilledPurchase(runDir);
    await writeInterruption(runDir, INTERRUPTION);
  });

  expect(document.interruption).toEqual({
    ...INTERRUPTION,
    file: 'interruption.json',
    summary: 'rehearse run was stopped by SIGINT',
    cleanup: 'Cleanup incomplete: money may be left at the provider; run `npx rehearse cleanup` to finish it',
    moneyMayBeLeft: true,
  });
  // The killed flow's own lines of that cleanup (they name its run id).
  const flow = document.flows.find((candidate) => candidate.testRunId === INTERRUPTED_TEST_RUN_ID)!;
  expect(flow.interruption!.cleanupLines).toEqual(CLEANUP_LINES.slice(1, 4));
  expect(document.verdict.kind).toBe('incomplete');
  expect(document.verdict.headline).toBe(
    'INCOMPLETE, not ready to sign off: the run was interrupted (rehearse run was stopped by SIGINT); 2 blocking items were not rehearsed',
  );
  expect(document.verdict.reasons[0]).toBe(
    'Cleanup incomplete: money may be left at the provider; run `npx rehearse cleanup` to finish it',
  );

  await page.goto(pathToFileURL(built.html).href);
  await expect(page.getByTestId('interrupted-note')).toContainText('This run was interrupted: rehearse run was stopped by SIGINT');
  await expect(page.getByTestId('interruption-cause')).toContainText('rehearse run was stopped by SIGINT');
  await expect(page.getByTestId('interruption-outcome')).toHaveAttribute('data-outcome', 'incomplete');
  await expect(page.getByTestId('interruption-outcome')).toHaveClass(/money-warning/);
  await expect(page.getByTestId('interruption-outcome')).toContainText('npx rehearse cleanup');
  await expect(page.getByTestId('interruption-cleanup-lines')).toHaveText(CLEANUP_LINES.join('\n'));
  await expect(page.getByTestId('interruption').getByRole('link', { name: 'interruption.json' })).toHaveAttribute(
    'href',
    'interruption.json',
  );

  const manifest = JSON.parse(await readFile(built.manifest.file, 'utf8')) as Manifest;
  expect(manifest.files.map((file) => file.path)).toContain('interruption.json');
});

test('a run that would be READY is INCOMPLETE once interrupted; a cleanup that finished warns of no money left', async () => {
  const { document: whole } = await signoffOf('complete', (runDir) => writeSyntheticRun(runDir, completeFlows(), passingPreflight()));
  expect(whole.verdict.kind, 'the control: every flow passed').toBe('ready-pending-attestation');

  const { document } = await signoffOf('complete-then-sigterm', async (runDir) => {
    await writeSyntheticRun(runDir, completeFlows(), passingPreflight());
    await writeInterruption(runDir, {
      cause: 'playwright-died',
      signal: 'SIGKILL',
      playwrightExitCode: null,
      at: '2026-11-23T17:47:20.000Z',
      cleanupLines: ['  ✓ nothing to clean up'],
      cleanupOutcome: 'nothing',
    });
  });
  expect(document.verdict.kind).toBe('incomplete');
  expect(document.verdict.headline).toBe(
    'INCOMPLETE, not ready to sign off: the run was interrupted (Playwright ended abnormally (killed by SIGKILL, e.g. out of memory))',
  );
  expect(document.verdict.reasons.join('\n')).not.toMatch(/money may be left/i);
  expect(document.interruption).toMatchObject({
    cleanupOutcome: 'nothing',
    moneyMayBeLeft: false,
    cleanupLines: ['  ✓ nothing to clean up'],
  });
});

test('a flow record the teardown wrote after Ctrl-C blames no one: its interrupted step is no failure, and the run is INCOMPLETE, not NOT READY', () => {
  const purchase = completeFlows().find((flow) => flow.flow === 'referral-purchase-refund');
  const others = completeFlows().filter((flow) => flow.flow !== 'referral-purchase-refund');
  const interrupted = {
    ...purchase!,
    status: 'interrupted' as const,
    interruptedDuring: purchase!.steps[1]!.title,
    steps: [
      purchase!.steps[0]!,
      {
        ...purchase!.steps[1]!,
        status: 'interrupted' as const,
        error: 'the test was interrupted during this step (then: Target page, context or browser has been closed)',
      },
    ],
  };
  const items = decideChecklist(CHECKLIST, passingPreflight(), [interrupted, ...others]);
  expect(items.filter((verdict) => verdict.status === 'failed')).toEqual([]);
  const refund = items.find((verdict) => verdict.item.id === 'refund-end-to-end')!;
  expect(refund).toMatchObject({ status: 'skipped', skipKind: 'interrupted' });
  expect(overallVerdict(items).kind).toBe('incomplete');
});

test('a test SIGKILLed in its payment step leaves a journal the sign-off reads as "step 1 passed, interrupted during step 2"', async () => {
  const testRunId = `${RUN_ID}-w3-1`;
  const { document } = await signoffOf('sigkill', async (runDir) => {
    await writeSyntheticRun(runDir, [], passingPreflight());
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/src/reporting/signoff/support/killedFlowChild.ts', runDir, testRunId],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    for await (const line of createInterface({ input: child.stdout! })) {
      if (line === 'in step 2') break;
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
  });
  const flow = document.flows.find((candidate) => candidate.testRunId === testRunId);
  expect(flow).toMatchObject({ status: 'interrupted', interruption: { during: '2. Pay on the hosted checkout page', finalRecord: false } });
  expect(flow!.steps.map((step) => step.status)).toEqual(['passed', 'interrupted']);
  expect(flow!.screenshots.map((shot) => shot.file)).toEqual([`evidence/screenshots/${testRunId}-01-payment-page-card-fields-masked.jpg`]);
});

test('a screenshot no record or journal accounts for is evidence of an interrupted test: listed, and the run is not READY', async () => {
  const runDir = path.join(root, 'stray', RUN_ID);
  await writeSyntheticRun(runDir, completeFlows(), passingPreflight());
  const stray = `evidence/screenshots/${RUN_ID}-w9-1-01-payment-page-card-fields-masked.jpg`;
  await writeFile(path.join(runDir, stray), TINY_PNG);
  const evidence = await readRunEvidence(runDir);
  expect(evidence.strayScreenshots).toEqual([stray]);
  const interruption = verdictInterruption(evidence);
  expect(interruption).toEqual({
    headline: 'a test was interrupted before it recorded anything but screenshots',
    reasons: [`Interrupted: a test left 1 screenshot and no record (${stray})`],
  });
  expect(overallVerdict(decideChecklist(CHECKLIST, passingPreflight(), completeFlows()), { interruption }).kind).toBe('incomplete');
});
