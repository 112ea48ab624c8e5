import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { SANDBOX_NODE_ARGS } from '../support/sandboxCommand';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FREE_PORTS = { SANDBOX_PROVIDER_PORT: '0', SANDBOX_REFERRAL_PORT: '0', SANDBOX_SHOP_PORT: '0' };
/** The posture variables cleared, so the runner's own environment does not decide these tests. */
const NO_POSTURE = { SANDBOX_CLOUD: '', SANDBOX_REACHABLE: '' };

/** `node --import tsx sandbox/main.ts …` in its own process group, its output collected (see sandbox-command.spec.ts). */
function runSandboxCommand(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [...SANDBOX_NODE_ARGS, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...FREE_PORTS, ...NO_POSTURE, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null }>((resolve) => child.on('exit', (code) => resolve({ code })));
  return { child, output, exited };
}

/** Stops the command with SIGTERM and kills whatever is left of its process group. */
async function stop(run: ReturnType<typeof runSandboxCommand>): Promise<void> {
  if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGTERM');
  await run.exited;
  try {
    if (run.child.pid) process.kill(-run.child.pid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
}

test.describe('npm run sandbox playing cloud', () => {
  test('--cloud --no-merchant says the merchant elsewhere must be in SANDBOX_REACHABLE', async () => {
    const run = runSandboxCommand(['--cloud', '--no-merchant'], {});
    try {
      await expect.poll(() => run.output.stdout.includes('Faults on:') || run.child.exitCode !== null, { timeout: 60_000 }).toBe(true);
      expect(run.output.stdout).toMatch(
        /Playing cloud: webhooks reach only 127\.0\.0\.1:\d+, 127\.0\.0\.1:\d+; any other URL fails as unreachable\./,
      );
      expect(run.output.stdout).toContain(
        'Your merchant runs elsewhere: put its host in SANDBOX_REACHABLE (e.g. SANDBOX_REACHABLE=127.0.0.1:3000), or its webhooks fail as unreachable.',
      );
      expect(run.output.stderr).toContain('playing cloud');
    } finally {
      await stop(run);
    }
  });

  test('SANDBOX_CLOUD=1 with --json names the listed hosts on stderr and keeps stdout to the JSON line', async () => {
    const run = runSandboxCommand(['--json', '--no-merchant'], { SANDBOX_CLOUD: '1', SANDBOX_REACHABLE: 'http://127.0.0.1:3999' });
    try {
      await expect.poll(() => run.output.stderr.includes('ready.') || run.child.exitCode !== null, { timeout: 60_000 }).toBe(true);
      expect(run.output.stdout.trim().split('\n')).toHaveLength(1);
      expect(JSON.parse(run.output.stdout)).toHaveProperty('provider.url');
      expect(run.output.stderr).toContain('Your merchant runs elsewhere: its host must be one of SANDBOX_REACHABLE (127.0.0.1:3999)');
    } finally {
      await stop(run);
    }
  });

  test('refuses a SANDBOX_CLOUD that is not a switch and a bad SANDBOX_REACHABLE entry, exit 2', async () => {
    const badSwitch = runSandboxCommand(['--json'], { SANDBOX_CLOUD: 'yes' });
    expect((await badSwitch.exited).code).toBe(2);
    expect(badSwitch.output.stderr.trim()).toBe(
      'sandbox: SANDBOX_CLOUD=yes is not a switch: use 1 or true to play cloud, 0, false or empty for off.',
    );
    expect(badSwitch.output.stdout).toBe('');

    const badHost = runSandboxCommand(['--json', '--cloud'], { SANDBOX_REACHABLE: 'staging.example.com' });
    expect((await badHost.exited).code).toBe(2);
    expect(badHost.output.stderr).toContain('SANDBOX_REACHABLE entry "staging.example.com" is not an origin');
  });
});
