import { test, expect } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BIN = path.resolve('bin/rehearse.mjs');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function rehearse(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

test('prints the subcommands with --help', async () => {
  const { code, stdout } = await rehearse(['--help']);
  expect(code).toBe(0);
  for (const command of ['run', 'preflight', 'report', 'verify-report', 'setup', 'cleanup', 'help', 'init']) {
    expect(stdout).toMatch(new RegExp(`^  ${command} +(?!.*not yet available)\\S`, 'm'));
  }
  expect((await rehearse(['help'])).stdout).toBe(stdout);
});

test('prints its version with --version', async () => {
  const { code, stdout } = await rehearse(['--version']);
  expect(code).toBe(0);
  expect(stdout.trim()).toMatch(/^rehearse \d+\.\d+\.\d+$/);
});

test('rejects an unknown command with exit code 2 and one line', async () => {
  const { code, stdout, stderr } = await rehearse(['rehears']);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(lines(stderr)).toEqual(['Unknown command rehears. Run `rehearse --help` for the list.']);
});

test('rejects an unknown flag with exit code 2 and one line, before running anything', async () => {
  const { code, stdout, stderr } = await rehearse(['--grep', 'refund', '--frobnicate']);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(lines(stderr)).toEqual(['Unknown command --frobnicate. Run `rehearse --help` for the list.']);
});

test("asks init for the new target's name in one line", async () => {
  const { code, stdout, stderr } = await rehearse(['init']);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(lines(stderr)).toEqual(["rehearse init needs the new target's name, e.g. `rehearse init my-shop`."]);
});

test('reports a configuration error in one line', async () => {
  const reports = await mkdtemp(path.join(tmpdir(), 'rehearse-cli-'));
  try {
    const { code, stdout, stderr } = await rehearse(['run'], { REHEARSAL_MODE: 'prod', REHEARSAL_REPORTS_DIR: reports });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(lines(stderr)).toHaveLength(1);
    expect(stderr).toMatch(/^REHEARSAL_MODE="prod" .*set REHEARSAL_MODE/);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  } finally {
    await rm(reports, { recursive: true, force: true });
  }
});

test('an unknown target is one line naming the targets there are and how to create one, before anything runs', async () => {
  const reports = await mkdtemp(path.join(tmpdir(), 'rehearse-cli-'));
  try {
    for (const command of ['run', 'preflight']) {
      const { code, stdout, stderr } = await rehearse([command], { REHEARSAL_TARGET: 'no-such-shop', REHEARSAL_REPORTS_DIR: reports });
      expect(code, command).toBe(2);
      expect(stdout, command).toBe('');
      expect(lines(stderr), command).toHaveLength(1);
      expect(stderr, command).toMatch(
        /^No target "no-such-shop": there is no targets\/no-such-shop\/target\.ts \(the targets are [^)]*\bdemo\b[^)]*\)\. .*`npx rehearse init no-such-shop`\.$/m,
      );
    }
  } finally {
    await rm(reports, { recursive: true, force: true });
  }
});

test('fails with one line when asked for a report before any rehearsal', async () => {
  const reports = await mkdtemp(path.join(tmpdir(), 'rehearse-cli-'));
  try {
    const { code, stderr } = await rehearse(['report'], { REHEARSAL_REPORTS_DIR: reports });
    expect(code).toBe(1);
    expect(lines(stderr)).toEqual([expect.stringMatching(/^No test results at .*allure-results .*npm run rehearse/)]);
  } finally {
    await rm(reports, { recursive: true, force: true });
  }
});
