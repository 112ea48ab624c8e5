import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { once } from 'node:events';
import { expect, test } from '@playwright/test';
import { startLantern } from '../../../sandbox/lantern/server';
import { startProvider } from '../../../sandbox/provider/index';

const LANTERN_DIR = path.resolve('sandbox/lantern');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(full);
      return Promise.resolve(entry.name.endsWith('.ts') ? [full] : []);
    }),
  );
  return nested.flat();
}

/** Runs `node --import tsx sandbox/lantern/server.ts` with only the given variables (and PATH). */
function runLantern(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/lantern/server.ts'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

test.describe('Lantern & Co. as its own program', () => {
  test('imports nothing but the stripe package, Node and its own files', async () => {
    const outside: string[] = [];
    for (const file of await sourceFiles(LANTERN_DIR)) {
      const text = await readFile(file, 'utf8');
      for (const match of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)) {
        const specifier = match[1]!;
        const inside = specifier.startsWith('.') && path.resolve(path.dirname(file), specifier).startsWith(LANTERN_DIR + path.sep);
        if (specifier !== 'stripe' && !specifier.startsWith('node:') && !inside)
          outside.push(`${path.relative(LANTERN_DIR, file)}: ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
  });

  test('exits with 2 and one line naming the variable when STRIPE_SECRET_KEY is missing', async () => {
    const run = runLantern({ LANTERN_PORT: '0' });
    expect(await run.exited).toBe(2);
    const lines = run.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('STRIPE_SECRET_KEY is not set');
    expect(run.stderr()).not.toContain('    at ');
  });

  test('runs from the environment, logs one line per request with LANTERN_LOG=1 and never the key, and stops on SIGTERM', async () => {
    const provider = await startProvider({ host: '127.0.0.1', port: 0 });
    try {
      const run = runLantern({
        STRIPE_SECRET_KEY: provider.secretKey,
        STRIPE_API_BASE: provider.url,
        STRIPE_WEBHOOK_SECRET: 'whsec_lantern_running_test',
        LANTERN_ADMIN_KEY: 'lantern_admin_running_test',
        LANTERN_PORT: '0',
        LANTERN_LOG: '1',
      });
      await expect
        .poll(() => /is open at (http:\/\/127\.0\.0\.1:\d+)/.exec(run.stdout())?.[1], { message: 'the shop says where it listens' })
        .toBeTruthy();
      const url = /is open at (http:\/\/127\.0\.0\.1:\d+)/.exec(run.stdout())![1]!;
      const home = await fetch(`${url}/`);
      expect(home.status, 'no price is seeded: the home page says so').toBe(503);
      expect((await fetch(`${url}/cart`)).status).toBe(200);
      await expect.poll(() => run.stderr()).toContain('lantern: GET /cart 200');
      expect(run.stderr()).toContain('lantern: GET / 503');
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      for (const secret of [provider.secretKey, 'whsec_lantern_running_test', 'lantern_admin_running_test']) {
        expect(run.stdout() + run.stderr(), 'no secret in the output').not.toContain(secret);
      }
    } finally {
      await provider.close();
    }
  });

  test('answers an unknown page with an HTML 404 and an unknown API path with JSON, without a stack', async () => {
    const app = await startLantern({ stripeSecretKey: 'sk_test_lantern_not_used', stripeApiBase: 'http://127.0.0.1:9', port: 0 });
    try {
      const page = await fetch(`${app.url}/no-such-page`);
      expect(page.status).toBe(404);
      expect(page.headers.get('content-type')).toContain('text/html');
      const body = await page.text();
      expect(body).toContain('<title>Page not found · Lantern &amp; Co.</title>');
      expect(body).toContain('<h1>Page not found</h1>');
      const api = await fetch(`${app.url}/api/nothing`);
      expect(api.status).toBe(404);
      expect(await api.json()).toEqual({ error: 'Not found.' });
      expect((await fetch(`${app.url}/buy`)).status, 'GET on a POST route').toBe(405);
    } finally {
      await app.stop();
    }
  });

  test('answers 502 without a stack when the payment provider cannot be reached', async () => {
    const app = await startLantern({ stripeSecretKey: 'sk_test_lantern_not_used', stripeApiBase: 'http://127.0.0.1:9', port: 0 });
    try {
      const res = await fetch(`${app.url}/`);
      expect(res.status).toBe(502);
      const body = await res.text();
      expect(body).toContain('<h1>Payments are unavailable right now</h1>');
      expect(body).not.toContain('    at ');
    } finally {
      await app.stop();
    }
  });

  test('stop() closes a connection that is still in the middle of a request at once', async () => {
    const app = await startLantern({ stripeSecretKey: 'sk_test_lantern_not_used', port: 0 });
    const { port } = new URL(app.url);
    const socket = connect(Number(port), '127.0.0.1');
    await once(socket, 'connect');
    socket.write('GET /cart HTTP/1.1\r\nHost: 127.0.0.1\r\n'); // headers never finished
    socket.on('error', () => undefined); // the server resets it: that is the point
    const closed = new Promise((resolve) => socket.on('close', resolve));
    const started = Date.now();
    await app.stop();
    await closed;
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
