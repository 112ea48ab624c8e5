import { test, expect } from '@playwright/test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { writeSyntheticRun } from '../signoff/syntheticRun';
import { runRehearse } from '../../../support/rehearseCommand';

/** What `npx playwright test --trace on` records when a card is typed: the number, in the trace's action log. */
const CARD = '4242 4242 4242 4242';

const rehearse = (args: string[], env: NodeJS.ProcessEnv) => runRehearse(args, env);

let reports: string;
test.beforeEach(async () => {
  reports = await mkdtemp(path.join(tmpdir(), 'report-leak-scan-'));
});
test.afterEach(async () => {
  await rm(reports, { recursive: true, force: true });
});

/** One passed result with a trace attached, as allure-playwright writes it for `--trace on`. */
async function writeResultWithTrace(resultsDir: string, typed: string): Promise<void> {
  await mkdir(resultsDir, { recursive: true });
  const trace = zipSync({ 'trace.trace': strToU8(`${JSON.stringify({ type: 'before', method: 'fill', params: { value: typed } })}\n`) });
  await writeFile(path.join(resultsDir, 't1-attachment.zip'), trace);
  const start = Date.now() - 2_000;
  await writeFile(
    path.join(resultsDir, 'a1-result.json'),
    JSON.stringify({
      uuid: 'a1',
      historyId: 'h-a1',
      testCaseId: 'h-a1',
      name: 'a referred purchase',
      fullName: 'scenarios/a.spec.ts#a referred purchase',
      status: 'passed',
      stage: 'finished',
      start,
      stop: start + 1_000,
      labels: [],
      steps: [],
      parameters: [],
      links: [],
      attachments: [{ name: 'trace', source: 't1-attachment.zip', type: 'application/zip' }],
    }),
  );
}

test('`rehearse report` fails when what it publishes holds a card number, naming each file and never the number', async () => {
  await writeResultWithTrace(path.join(reports, 'allure-results'), CARD);
  const runDir = path.join(reports, 'rh-20261123-174512-a1b2c3');
  await writeSyntheticRun(runDir);

  const { code, stdout, stderr } = await rehearse(['report'], { REHEARSAL_REPORTS_DIR: reports });
  expect(code).toBe(1);
  const leaks = stderr.split('\n').filter((line) => line.startsWith('Leak: '));
  expect(leaks).toEqual([
    expect.stringMatching(
      new RegExp(`^Leak: card number in ${path.join(reports, 'allure-results', 't1-attachment.zip')} › trace\\.trace: `),
    ),
    expect.stringMatching(
      new RegExp(`^Leak: card number in ${path.join(reports, 'rehearsal-report.html')} › data/attachments/\\w+\\.zip › trace\\.trace: `),
    ),
    expect.stringMatching(
      new RegExp(`^Leak: card number in ${path.join(runDir, 'allure-report.html')} › data/attachments/\\w+\\.zip › trace\\.trace: `),
    ),
  ]);
  expect(stderr).toMatch(/^✗ 3 secrets found in 3 files under .*: do not share these artifacts/m);
  for (const output of [stdout, stderr]) {
    expect(output).not.toContain(CARD);
    expect(output).not.toContain(CARD.replace(/ /g, ''));
  }
});
