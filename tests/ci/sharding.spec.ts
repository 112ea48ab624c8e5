import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { JSONReport, JSONReportSuite } from '@playwright/test/reporter';
import { newRunId } from '../../src/base/runId';

const PLAYWRIGHT_CLI = path.resolve('node_modules/@playwright/test/cli.js');

interface Outcome {
  code: number | null;
  output: string;
}

/** Runs `node [--import tsx] <script> <args>` with its output captured; resolves when it exits. */
function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, FORCE_COLOR: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Every test of the report as "project › title" with Playwright's final status (expected, flaky, unexpected, skipped). */
function testsIn(report: JSONReport): { name: string; status: string }[] {
  const found: { name: string; status: string }[] = [];
  const visit = (suite: JSONReportSuite) => {
    for (const spec of suite.specs)
      for (const one of spec.tests) found.push({ name: `${one.projectName} › ${spec.file} › ${spec.title}`, status: one.status });
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites) visit(suite);
  return found;
}

const lastLines = (outcome: Outcome) => outcome.output.trim().split('\n').slice(-15).join('\n');

test('two shards of the nightly run, merged, hold every scenario exactly once, all passed', async ({}, testInfo) => {
  test.setTimeout(10 * 60_000);
  const base = testInfo.outputPath('nightly');
  // The demo target only (no second target): the scenarios project and its preflight dependency.
  const demoOnly = { REHEARSAL_ALSO_TARGETS: '', REHEARSAL_MODE: 'test' };

  const listed = await runNode([PLAYWRIGHT_CLI, 'test', '--list', '--project', 'scenarios', '--reporter', 'json'], {
    ...demoOnly,
    REHEARSAL_REPORTS_DIR: path.join(base, 'list'),
  });
  expect(listed.code, lastLines(listed)).toBe(0);
  const scenarios = testsIn(JSON.parse(listed.output.slice(listed.output.indexOf('{'))) as JSONReport)
    .map((one) => one.name)
    .filter((name) => name.startsWith('scenarios › '));
  expect(scenarios.length).toBeGreaterThan(1);

  // Two shards at once, as two CI runners would: each its own reports folder, state folder and run id.
  const shards = await Promise.all(
    [1, 2].map((index) => {
      const dir = path.join(base, `shard-${index}`);
      return runNode(['--import', 'tsx', 'scripts/nightly.ts', '--shard', `${index}/2`, '--workers', '1'], {
        ...demoOnly,
        REHEARSAL_REPORTS_DIR: dir,
        REHEARSAL_STATE_DIR: path.join(dir, 'state'),
        REHEARSAL_RUN_ID: newRunId(),
      });
    }),
  );
  for (const [at, shard] of shards.entries()) {
    expect(shard.code, `shard ${at + 1}:\n${lastLines(shard)}`).toBe(0);
    expect(shard.output).toContain(`Shard ${at + 1} of 2 done`);
  }

  const out = path.join(base, 'merged');
  const merged = await runNode(
    ['--import', 'tsx', 'scripts/nightlyMerge.ts', path.join(base, 'shard-1'), path.join(base, 'shard-2'), '--out', out],
    {},
  );
  expect(merged.code, lastLines(merged)).toBe(0);

  const report = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as JSONReport;
  const ran = testsIn(report).filter((one) => one.name.startsWith('scenarios › '));
  expect(ran.map((one) => one.name).sort()).toEqual([...scenarios].sort()); // each exactly once, none missing
  expect(ran.filter((one) => one.status !== 'expected')).toEqual([]);

  const summary = JSON.parse(await readFile(path.join(out, 'summary.json'), 'utf8')) as { failed: string[]; exitCode: number };
  expect(summary).toMatchObject({ failed: [], exitCode: 0 });
  await expect(readFile(path.join(out, 'junit.xml'), 'utf8')).resolves.toContain(`tests="${testsIn(report).length}"`);
  expect((await readFile(path.join(out, 'history.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(1);

  // A shard whose results never arrived turns the night red, though every test that did arrive passed.
  const partialOut = path.join(base, 'partial');
  const partial = await runNode(
    ['--import', 'tsx', 'scripts/nightlyMerge.ts', path.join(base, 'shard-1'), '--out', partialOut, '--expect-shards', '2'],
    {},
  );
  expect(partial.code, lastLines(partial)).toBe(1);
  expect(partial.output).toContain('✗ Nightly: ');
  expect(partial.output).toContain('only 1 of 2 shards left a blob report');
});
