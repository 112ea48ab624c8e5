import { test, expect } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  id?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  strategy?: { matrix?: Record<string, unknown> };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const workflow = parse(readFileSync(path.resolve('.github/workflows/nightly.yml'), 'utf8')) as Workflow;
const rehearse = workflow.jobs.rehearse!;
const report = workflow.jobs.report!;
const stepIndex = (job: Job, matches: (step: Step) => boolean) => job.steps.findIndex(matches);

test('runs every night on a cron schedule and on demand', () => {
  const schedule = workflow.on.schedule as { cron: string }[];
  expect(schedule.length).toBeGreaterThan(0);
  expect(schedule[0]!.cron.trim().split(/\s+/)).toHaveLength(5);
  expect(workflow.on).toHaveProperty('workflow_dispatch');
});

test('splits the rehearsal into a matrix of shards and passes each its own shard', () => {
  const shards = rehearse.strategy?.matrix?.shard as number[];
  expect(shards).toEqual([1, 2]);
  const run = rehearse.steps.find((step) => step.run?.includes('npm run nightly'))?.run ?? '';
  expect(run).toMatch(new RegExp(`--shard \\$\\{\\{ matrix\\.shard \\}\\}/${shards.length}\\b`));
  expect(rehearse.steps.map((step) => step.uses ?? step.run)).toEqual(
    expect.arrayContaining(['actions/checkout@v4', 'actions/setup-node@v4', 'npm ci']),
  );
});

test("uploads each shard's blob report and allure-results, even when the shard failed", () => {
  const upload = rehearse.steps.find((step) => step.uses === 'actions/upload-artifact@v4');
  expect(upload?.if).toBe('always()');
  expect(String(upload?.with?.name)).toContain('${{ matrix.shard }}');
  expect(String(upload?.with?.path)).toMatch(/blob-\$\{\{ matrix\.shard \}\}-of-2/);
  expect(String(upload?.with?.path)).toContain('allure-results');
});

test('merges after every shard has finished, whatever their result', () => {
  expect([report.needs].flat()).toContain('rehearse');
  expect(report.if).toBe('always()');
  const download = report.steps.find((step) => step.uses === 'actions/download-artifact@v4');
  expect(download?.with?.pattern).toBe('nightly-shard-*');
  const merge = report.steps.find((step) => step.run?.includes('npm run nightly:merge'));
  expect(merge?.run).toContain(`--expect-shards ${(rehearse.strategy?.matrix?.shard as number[]).length}`);
});

test('is red when a shard job failed, even if every merged test passed, and notifies after that check', () => {
  const check = stepIndex(report, (step) => step.if === "needs.rehearse.result != 'success'");
  const notify = stepIndex(report, (step) => step.if === 'failure()');
  expect(report.steps[check]?.run).toMatch(/exit 1/);
  expect(notify).toBeGreaterThan(check);
  expect(notify).toBe(report.steps.length - 1);
});

test('restores the Allure history before the report is built and saves it after, also on a red night', () => {
  const merge = stepIndex(report, (step) => !!step.run?.includes('npm run nightly:merge'));
  const restore = stepIndex(report, (step) => step.uses === 'actions/cache/restore@v4');
  const save = stepIndex(report, (step) => step.uses === 'actions/cache/save@v4');
  expect(merge).toBeGreaterThan(-1);
  expect(restore).toBeGreaterThan(-1);
  expect(restore).toBeLessThan(merge);
  expect(save).toBeGreaterThan(merge);
  expect(report.steps[save]!.if).toBe('always()');
  const historyFile = report.steps[restore]!.with?.path;
  expect(historyFile).toBe('reports/nightly/history.jsonl');
  expect(report.steps[save]!.with?.path).toBe(historyFile);
  expect(report.steps[merge]!.run).toContain(`--history ${String(historyFile)}`);
  expect(report.steps[restore]!.with?.['restore-keys']).toBeTruthy();
});

test('posts to the webhook from the secrets when the night is red, and skips it when unset', () => {
  const notify = report.steps.find((step) => step.if === 'failure()');
  expect(notify?.env?.NIGHTLY_WEBHOOK_URL).toBe('${{ secrets.NIGHTLY_WEBHOOK_URL }}');
  expect(notify?.run).toMatch(/if \[ -z "\$NIGHTLY_WEBHOOK_URL" \]; then .*exit 0/);
  expect(notify?.run).toMatch(/curl [^\n]*-X POST[^\n]*application\/json[^\n]*"\$NIGHTLY_WEBHOOK_URL"/);
  // The URL is a secret: it is never written into the command itself.
  expect(notify?.run).not.toContain('secrets.');
});

test('uses only pinned major versions of the official actions', () => {
  const used = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => (step.uses ? [step.uses] : [])));
  expect(used.length).toBeGreaterThan(0);
  for (const action of used) expect(action).toMatch(/^actions\/[a-z-]+(\/[a-z]+)?@v\d+$/);
});

/** Runs the notify step's shell script in a folder holding a summary.json, with the given webhook URL. */
async function runNotifyStep(webhookUrl: string): Promise<{ code: number; output: string }> {
  const notify = report.steps.find((step) => step.if === 'failure()')!;
  const dir = await mkdtemp(path.join(tmpdir(), 'nightly-notify-'));
  try {
    await mkdir(path.join(dir, 'reports/nightly'), { recursive: true });
    await writeFile(
      path.join(dir, 'reports/nightly/summary.json'),
      JSON.stringify({ line: '3 passed, 0 flaky (passed on retry), 1 failed' }),
    );
    const env = { ...process.env, NIGHTLY_WEBHOOK_URL: webhookUrl, RUN_URL: 'https://ci.example/runs/7' };
    return await new Promise((resolve) => {
      execFile('bash', ['-e', '-c', notify.run!], { cwd: dir, env, timeout: 30_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: stdout + stderr });
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test("the failure notification posts the night's summary line as JSON, and does nothing without a URL", async () => {
  const received: { contentType?: string; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ contentType: req.headers['content-type'], body });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const posted = await runNotifyStep(`http://127.0.0.1:${port}/hook`);
    expect(posted.code, posted.output).toBe(0);
    expect(received).toHaveLength(1);
    expect(received[0]!.contentType).toBe('application/json');
    expect(JSON.parse(received[0]!.body)).toEqual({
      text: 'Nightly rehearsal failed: 3 passed, 0 flaky (passed on retry), 1 failed (https://ci.example/runs/7)',
    });

    const skipped = await runNotifyStep('');
    expect(skipped).toEqual({ code: 0, output: 'NIGHTLY_WEBHOOK_URL is not set: no notification sent.\n' });
    expect(received).toHaveLength(1);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
