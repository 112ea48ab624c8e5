import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JSONReport, JSONReportSuite, JSONReportTest } from '@playwright/test/reporter';
import { gateExitCode, summarizeRun, summaryLine } from '../../scripts/nightly/runSummary';

/** A Playwright JSON report holding one file's tests, each in its project with its final status. */
function reportOf(
  tests: { title: string; project: string; status: JSONReportTest['status'] }[],
  errors: { message: string }[] = [],
): JSONReport {
  const suite = {
    title: 'scenarios/a.spec.ts',
    file: 'scenarios/a.spec.ts',
    line: 0,
    column: 0,
    specs: tests.map((one) => ({
      title: one.title,
      file: 'scenarios/a.spec.ts',
      tests: [{ projectName: one.project, status: one.status }],
    })),
  } as unknown as JSONReportSuite;
  return { suites: [suite], errors } as unknown as JSONReport;
}

test('names the tests that passed only on retry as flaky, and does not count them as passed', () => {
  const summary = summarizeRun(
    reportOf([
      { title: 'buys', project: 'scenarios', status: 'expected' },
      { title: 'refunds', project: 'scenarios', status: 'flaky' },
      { title: 'declines', project: 'scenarios', status: 'unexpected' },
      { title: 'live only', project: 'scenarios', status: 'skipped' },
    ]),
  );
  expect(summary).toEqual({
    passed: 1,
    flaky: ['scenarios › scenarios/a.spec.ts › refunds'],
    failed: ['scenarios › scenarios/a.spec.ts › declines'],
    skipped: 1,
  });
  expect(summaryLine(summary)).toBe('1 passed, 1 flaky (passed on retry): scenarios › scenarios/a.spec.ts › refunds, 1 failed, 1 skipped');
});

test('gates on failures only: a flaky night exits 0, a failed one 1, an empty one 1', () => {
  const flakyNight = summarizeRun(reportOf([{ title: 'refunds', project: 'scenarios', status: 'flaky' }]));
  expect(gateExitCode(flakyNight)).toBe(0);
  const redNight = summarizeRun(reportOf([{ title: 'refunds', project: 'scenarios', status: 'unexpected' }]));
  expect(gateExitCode(redNight)).toBe(1);
  expect(gateExitCode(summarizeRun(reportOf([])))).toBe(1);
});

test('counts a test run in two shards once, by its worse outcome', () => {
  const summary = summarizeRun(
    reportOf([
      { title: 'preflight', project: 'preflight', status: 'expected' },
      { title: 'preflight', project: 'preflight', status: 'flaky' },
    ]),
  );
  expect(summary).toMatchObject({ passed: 0, flaky: ['preflight › scenarios/a.spec.ts › preflight'] });
});

test('fails the night on an error outside any test', () => {
  const summary = summarizeRun(
    reportOf([{ title: 'buys', project: 'scenarios', status: 'expected' }], [{ message: 'Error: config broke\n  at x' }]),
  );
  expect(summary.failed).toEqual(['(outside any test) Error: config broke']);
  expect(gateExitCode(summary)).toBe(1);
});

test('a real Playwright run with one retry: the test that passed on its retry is named as flaky, the run gates green', async ({}, testInfo) => {
  // A throwaway project inside the repository (so '@playwright/test' resolves): one steady test, one that fails once.
  const dir = testInfo.outputPath('flaky-project');
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, 'playwright.config.mjs'),
    "export default { testDir: '.', reporter: [['json', { outputFile: 'results.json' }]] };\n",
  );
  await writeFile(
    path.join(dir, 'night.spec.mjs'),
    [
      "import { test, expect } from '@playwright/test';",
      "test('steady', () => expect(1).toBe(1));",
      "test('wobbly', ({}, info) => expect(info.retry).toBe(1));",
    ].join('\n'),
  );
  const cli = path.resolve('node_modules/@playwright/test/cli.js');
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [cli, 'test', '--config', path.join(dir, 'playwright.config.mjs'), '--retries', '1', '--workers', '1'],
      { cwd: dir, stdio: 'ignore' },
    );
    child.on('error', reject);
    child.on('close', resolve);
  });
  expect(code).toBe(0);
  const summary = summarizeRun(JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as JSONReport);
  expect(summary).toEqual({ passed: 1, flaky: ['night.spec.mjs › wobbly'], failed: [], skipped: 0 });
  expect(gateExitCode(summary)).toBe(0);
});

test('npm run nightly refuses live mode in one line with exit code 2', async () => {
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/nightly.ts'], {
      env: { ...process.env, REHEARSAL_MODE: 'live' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exit) => resolve({ code: exit, output: text }));
  });
  expect(code).toBe(2);
  expect(output.trim().split('\n')).toEqual([expect.stringMatching(/^The nightly run is test mode only: /)]);
});
