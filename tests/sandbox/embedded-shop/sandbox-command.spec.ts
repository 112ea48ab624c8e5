import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { SANDBOX_NODE_ARGS } from '../../support/sandboxCommand';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** `npm run sandbox -- <args>` as one node process on free ports; resolves with its first stdout line and exit. */
function sandboxCommand(args: string[]) {
  const child = spawn(process.execPath, [...SANDBOX_NODE_ARGS, ...args], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      SANDBOX_PROVIDER_PORT: '0',
      SANDBOX_REFERRAL_PORT: '0',
      SANDBOX_SHOP_PORT: '0',
      SANDBOX_EMBEDDED_SHOP_PORT: '0',
      SANDBOX_INJECTION: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  const firstLine = async () => {
    await expect
      .poll(() => stdout.includes('\n') || child.exitCode !== null, { message: 'the command prints its JSON line', timeout: 60_000 })
      .toBe(true);
    return stdout.slice(0, stdout.indexOf('\n'));
  };
  return { child, exit, firstLine, stderr: () => stderr };
}

test.describe('npm run sandbox -- --merchant embedded', () => {
  test('starts Kissa instead of the demo shop and names it in the --json line', async () => {
    const run = sandboxCommand(['--merchant', 'embedded', '--json']);
    try {
      const line = JSON.parse(await run.firstLine());
      expect(Object.keys(line).sort()).toEqual(['embeddedShop', 'provider', 'referral']);
      expect(line.embeddedShop.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(line.embeddedShop.apiKey === 'kissa_api_sandbox_0000', 'the line carries the shop API key').toBe(true);
      // Checked without printing it: the signing secret is a secret even in the sandbox.
      expect(String(line.embeddedShop.webhookSecret).startsWith('whsec_'), 'the line carries the webhook signing secret').toBe(true);
      const landing = await fetch(`${line.embeddedShop.url}/`);
      expect(await landing.text()).toContain('Kissa');
      expect(run.stderr()).toContain('embedded shop');
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exit).toBe(0);
  });

  test('refuses a merchant it does not know (exit 2)', async () => {
    const run = sandboxCommand(['--merchant', 'bakery']);
    expect(await run.exit).toBe(2);
    expect(run.stderr()).toContain('--merchant bakery: not a merchant (demo or embedded)');
  });
});
