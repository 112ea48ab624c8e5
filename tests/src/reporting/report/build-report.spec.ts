import { test, expect } from '@playwright/test';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildReport } from '../../../../src/reporting/report/buildReport';
import { ReportError } from '../../../../src/reporting/report/reportError';
import { remoteResources } from '../../../../src/reporting/report/removeTracking';

let dir: string;
test.beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'build-report-'));
});
test.afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Two results as allure-playwright writes them: one passed with a step and a JSON attachment, one failed. */
async function writeResultsFixture(resultsDir: string): Promise<void> {
  await mkdir(resultsDir, { recursive: true });
  const start = Date.now() - 5_000;
  const base = { stage: 'finished', start, stop: start + 1_200, parameters: [], links: [], attachments: [] as unknown[] };
  await writeFile(path.join(resultsDir, 'a1-attachment.json'), JSON.stringify({ order: 'ord_123', status: 'paid' }));
  await writeFile(
    path.join(resultsDir, 'a1-result.json'),
    JSON.stringify({
      ...base,
      uuid: 'a1',
      historyId: 'h-a1',
      testCaseId: 'h-a1',
      name: 'partner earns a commission on a referred purchase',
      fullName: 'scenarios/purchase.spec.ts#partner earns a commission on a referred purchase',
      status: 'passed',
      labels: [{ name: 'suite', value: 'purchase.spec.ts' }],
      steps: [{ ...base, name: 'open the referral link', status: 'passed', steps: [] }],
      attachments: [{ name: 'order', source: 'a1-attachment.json', type: 'application/json' }],
    }),
  );
  await writeFile(
    path.join(resultsDir, 'b2-result.json'),
    JSON.stringify({
      ...base,
      uuid: 'b2',
      historyId: 'h-b2',
      testCaseId: 'h-b2',
      name: 'refund reverses the commission',
      fullName: 'scenarios/refund.spec.ts#refund reverses the commission',
      status: 'failed',
      statusDetails: { message: 'Expected commission.refunded for cm_1 at the referral platform', trace: 'at refund.spec.ts:12' },
      labels: [{ name: 'suite', value: 'refund.spec.ts' }],
      steps: [],
    }),
  );
}

test('builds one self-contained HTML report that opens offline', async ({ page }) => {
  const resultsDir = path.join(dir, 'allure-results');
  const htmlPath = path.join(dir, 'out', 'rehearsal-report.html');
  await writeResultsFixture(resultsDir);

  const built = await buildReport({ resultsDir, htmlPath });

  expect(built.htmlPath).toBe(htmlPath);
  expect(built.summary).toMatchObject({ total: 2, passed: 1, failed: 1 });
  expect(await readdir(path.dirname(htmlPath))).toEqual(['rehearsal-report.html']);
  const html = await readFile(htmlPath, 'utf8');
  expect(remoteResources(html)).toEqual([]);
  expect(html).not.toContain('googletagmanager');

  const remoteRequests: string[] = [];
  await page.route(/^(https?|wss?):/, (route) => {
    remoteRequests.push(route.request().url());
    return route.abort();
  });
  await page.goto(pathToFileURL(htmlPath).href);
  // Failures are shown unfolded. The page unpacks ~3 MB of inlined script first: slow on a loaded CI machine.
  await expect(page.getByText('refund reverses the commission').first()).toBeVisible({ timeout: 45_000 });
  await page.getByText('purchase.spec.ts', { exact: true }).click(); // passed ones are folded under their suite
  await expect(page.getByText('partner earns a commission on a referred purchase').first()).toBeVisible();
  expect(remoteRequests).toEqual([]);
});

test('fails with one line on an empty results dir', async () => {
  const resultsDir = path.join(dir, 'allure-results');
  await mkdir(resultsDir);
  const failure = buildReport({ resultsDir, htmlPath: path.join(dir, 'rehearsal-report.html') });
  await expect(failure).rejects.toThrow(ReportError);
  const error = (await failure.catch((e: unknown) => e)) as ReportError;
  expect(error.message).not.toContain('\n');
  expect(error.message).toBe(
    `No test results in ${resultsDir} (no *-result.json files): run the rehearsal first (npm run rehearse), then build the report (npm run report).`,
  );
  expect(await readdir(dir)).toEqual(['allure-results']);
});

test('fails with one line when the results dir does not exist', async () => {
  const resultsDir = path.join(dir, 'missing');
  await expect(buildReport({ resultsDir, htmlPath: path.join(dir, 'r.html') })).rejects.toThrow(
    /^No test results at .*missing \(the folder does not exist\): run the rehearsal first/,
  );
});
