import { test, expect } from '@playwright/test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSignoff, type BuildSignoffOptions, type BuiltSignoff } from '../../../../src/reporting/signoff/buildSignoff';
import type { Manifest } from '../../../../src/reporting/signoff/manifest';
import type { SignoffDocument } from '../../../../src/reporting/signoff/signoffDocument';
import { signoffSummaryLines } from '../../../../src/reporting/signoff/signoffLines';
import { RUN_ID, writeSyntheticRun } from './syntheticRun';

const T0 = Date.UTC(2026, 10, 23, 17, 45, 20);
const HEADLINE = '✗ NOT READY to go live: 1 blocking item failed';

let root: string;

test.beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'signoff-api-usage-'));
});

test.afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The synthetic run (NOT READY: one blocking preflight item failed) with `callLog` as its evidence/api-calls.jsonl. */
async function signoffWith(name: string, callLog: string | undefined): Promise<BuiltSignoff> {
  const runDir = path.join(root, name, RUN_ID);
  await writeSyntheticRun(runDir);
  if (callLog !== undefined) await writeFile(path.join(runDir, 'evidence', 'api-calls.jsonl'), callLog);
  const options: BuildSignoffOptions = {
    runDir,
    runId: RUN_ID,
    mode: 'test',
    target: 'demo',
    operator: 'Ada Operator',
    gitCommit: '0123456789abcdef0123456789abcdef01234567',
    startedAt: T0 - 20_000,
    endedAt: T0 + 130_000,
    env: {},
  };
  return buildSignoff(options);
}

/** Two workers' interleaved lines: 14 provider calls in one second (over the 12.5/s budget), 3 conversions, one 429. */
function twoWorkersCallLog(): string {
  const lines: string[] = [];
  for (let index = 0; index < 7; index += 1) {
    lines.push(JSON.stringify({ zone: 'provider', at: T0 + index * 100, status: 200 })); // worker 0
    lines.push(JSON.stringify({ zone: 'provider', at: T0 + 50 + index * 100, status: 200 })); // worker 1
  }
  lines.push(JSON.stringify({ zone: 'provider', at: T0 + 5_000, status: 200 }));
  lines.push(JSON.stringify({ zone: 'referralConversions', at: T0 + 1_000, status: 429 }));
  lines.push(JSON.stringify({ zone: 'referralConversions', at: T0 + 1_500, status: 200 }));
  lines.push(JSON.stringify({ zone: 'referralConversions', at: T0 + 61_500, status: 200 }));
  lines.push('{"zone":"provider",'); // a line cut short
  return `${lines.join('\n')}\n`;
}

test("the run's API calls per zone reach signoff.json, the HTML table and the closing lines, as warnings only", async ({ page }) => {
  const built = await signoffWith('with-log', twoWorkersCallLog());

  const document = JSON.parse(await readFile(built.json, 'utf8')) as SignoffDocument;
  expect(document.apiUsage).toEqual({
    file: 'evidence/api-calls.jsonl',
    badLines: 1,
    zones: {
      provider: {
        calls: 15,
        peakRate: 14,
        window: '1s',
        limit: 25,
        budgetFraction: 0.5,
        percentOfLimit: 56,
        status429: 0,
        overBudget: true,
      },
      referralClicks: {
        calls: 0,
        peakRate: 0,
        window: '60s',
        limit: 1_000,
        budgetFraction: 0.5,
        percentOfLimit: 0,
        status429: 0,
        overBudget: false,
      },
      referralConversions: {
        calls: 3,
        peakRate: 2,
        window: '60s',
        limit: 120,
        budgetFraction: 0.5,
        percentOfLimit: 1.7,
        status429: 1,
        overBudget: false,
      },
      referralGeneral: {
        calls: 0,
        peakRate: 0,
        window: '60s',
        limit: 300,
        budgetFraction: 0.5,
        percentOfLimit: 0,
        status429: 0,
        overBudget: false,
      },
    },
  });
  expect(document.evidenceProblems).toContain('evidence/api-calls.jsonl: 1 unreadable line skipped (it counts no call)');
  expect(document.verdict.headline).toBe(HEADLINE.slice(2));

  const lines = signoffSummaryLines(built);
  const apiLines = lines.slice(
    lines.findIndex((line) => line.startsWith('API calls: ')),
    lines.indexOf(HEADLINE),
  );
  expect(apiLines).toEqual([
    'API calls: provider 15 (peak 14/s of 25), referral conversions 3 (peak 2/min of 120) — 1 × 429; 1 unreadable line skipped',
    "! API calls: provider peaked at 14/s, over the run's budget of 12.5/s (50 % of the limit 25/s)",
    '! API calls: referral conversions answered 1 time with 429 (too many requests)',
  ]);

  const manifest = JSON.parse(await readFile(built.manifest.file, 'utf8')) as Manifest;
  expect(manifest.files.map((file) => file.path)).toContain('evidence/api-calls.jsonl');

  await page.goto(pathToFileURL(built.html).href);
  const table = page.getByTestId('api-usage');
  await expect(table.locator('thead th')).toHaveText(['Zone', 'Calls', 'Peak rate', 'Limit', '% of limit', '429s']);
  await expect(page.getByTestId('api-usage-row-provider').locator('td')).toHaveText(['provider', '15', '14/s', '25/s', '56 %', '0']);
  await expect(page.getByTestId('api-usage-row-referralConversions').locator('td')).toHaveText([
    'referral conversions',
    '3',
    '2/min',
    '120/min',
    '1.7 %',
    '1',
  ]);
  await expect(page.getByTestId('api-usage-row-provider')).toHaveClass('row-warning');
  await expect(page.getByTestId('api-usage-row-referralGeneral')).not.toHaveClass('row-warning');
  await expect(page.getByTestId('api-usage-warnings').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('verdict-headline')).toHaveText(HEADLINE);
});

test('a run without a call log says so in the HTML and prints no API calls line', async ({ page }) => {
  const built = await signoffWith('without-log', undefined);
  expect(built.document.apiUsage).toBeUndefined();
  expect(signoffSummaryLines(built).some((line) => line.startsWith('API calls'))).toBe(false);
  await page.goto(pathToFileURL(built.html).href);
  await expect(page.getByTestId('api-usage-missing')).toHaveText('Not recorded: this run folder has no evidence/api-calls.jsonl.');
  await expect(page.getByTestId('api-usage')).toHaveCount(0);
});
