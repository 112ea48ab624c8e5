import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import Stripe from 'stripe';
import { SANDBOX_NODE_ARGS } from '../support/sandboxCommand';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FREE_PORTS = { SANDBOX_PROVIDER_PORT: '0', SANDBOX_REFERRAL_PORT: '0', SANDBOX_SHOP_PORT: '0' };

interface SandboxLine {
  provider: { url: string; secretKey: string; publishableKey: string };
  shop: { url: string };
  referral: { url: string; apiKey: string; publishableKey: string };
}

/**
 * `node --import tsx sandbox/main.ts …` (what `npm run sandbox` runs), with its output collected and its exit
 * awaitable. Node is spawned, not `npm run`: npm does not pass SIGTERM on (it dies and leaves the sandbox
 * running). Its own process group lets the test clean up everything it started.
 */
function runSandboxCommand(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [...SANDBOX_NODE_ARGS, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output, exited };
}

async function firstLine(run: ReturnType<typeof runSandboxCommand>): Promise<string> {
  await expect
    .poll(() => run.output.stdout.includes('\n') || run.child.exitCode !== null, {
      message: 'the sandbox command prints its JSON line',
      timeout: 60_000,
    })
    .toBe(true);
  expect(run.child.exitCode, `the command is still running; stderr:\n${run.output.stderr}`).toBeNull();
  return run.output.stdout.slice(0, run.output.stdout.indexOf('\n'));
}

/** A local receiver for the provider's webhook deliveries, verified with the SDK. */
async function startWebhookReceiver(stripe: Stripe) {
  const events: Stripe.Event[] = [];
  let secret = '';
  const server = createHttpServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        events.push(stripe.webhooks.constructEvent(Buffer.concat(chunks), String(request.headers['stripe-signature']), secret));
        response.writeHead(200).end('{}');
      } catch {
        response.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    events,
    useSecret: (value: string) => (secret = value),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function stopWith(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
}

/** Kills whatever is left of the command's process group (nothing, when it stopped cleanly). */
function killLeftovers(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
}

test.describe('npm run sandbox', () => {
  test('prints one JSON line, serves the Stripe SDK, and stops cleanly on SIGTERM', async () => {
    const run = runSandboxCommand(['--json'], FREE_PORTS);
    try {
      const line = JSON.parse(await firstLine(run)) as SandboxLine;
      expect(Object.keys(line).sort()).toEqual(['provider', 'referral', 'shop']);
      for (const url of [line.provider.url, line.shop.url, line.referral.url]) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(line.provider.secretKey).toMatch(/^sk_test_/);
      expect(line.referral.publishableKey).toMatch(/^pk_test_/);
      expect((await fetch(line.shop.url)).status).toBe(200);

      const { hostname, port } = new URL(line.provider.url);
      const stripe = new Stripe(line.provider.secretKey, { host: hostname, port: Number(port), protocol: 'http' });
      const receiver = await startWebhookReceiver(stripe);
      try {
        const endpoint = await stripe.webhookEndpoints.create({
          url: receiver.url,
          enabled_events: ['payment_intent.succeeded', 'charge.refunded'],
        });
        expect(endpoint.secret).toMatch(/^whsec_/);
        receiver.useSecret(endpoint.secret!);

        const product = await stripe.products.create({ name: 'Command test mug' });
        const price = await stripe.prices.create({ product: product.id, unit_amount: 1500, currency: 'usd' });
        const customer = await stripe.customers.create({ email: 'cli@example.test' });
        const session = await stripe.checkout.sessions.create({
          mode: 'payment',
          customer: customer.id,
          line_items: [{ price: price.id, quantity: 1 }],
          success_url: `${line.shop.url}/success?session_id={CHECKOUT_SESSION_ID}`,
        });
        expect(session.url).toBe(`${line.provider.url}/c/pay/${session.id}`);

        const intent = await stripe.paymentIntents.create({
          amount: 1500,
          currency: 'usd',
          customer: customer.id,
          payment_method: 'pm_card_visa',
          confirm: true,
          return_url: 'https://shop.example.test/return',
        });
        expect(intent.status).toBe('succeeded');
        const refund = await stripe.refunds.create({ payment_intent: intent.id });
        expect(refund.amount).toBe(1500);

        await expect
          .poll(() => receiver.events.map((event) => event.type).sort(), { message: 'both events are delivered, signed' })
          .toEqual(['charge.refunded', 'payment_intent.succeeded']);
        const listed = await stripe.events.list({ limit: 100 });
        const types = listed.data.map((event) => event.type);
        expect(types).toEqual(expect.arrayContaining(['payment_intent.succeeded', 'charge.refunded']));
        expect(listed.data.every((event) => event.api_version === Stripe.API_VERSION)).toBe(true);
      } finally {
        await receiver.close();
      }

      stopWith(run.child, 'SIGTERM');
      const exit = await run.exited;
      expect(exit, `stderr:\n${run.output.stderr}`).toEqual({ code: 0, signal: null });
      expect(run.output.stdout.trim().split('\n'), 'stdout holds the one JSON line only').toHaveLength(1);
      expect(run.output.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    } finally {
      killLeftovers(run.child);
    }
  });

  test('names the port and the variable to change when a port is taken', async () => {
    const blocker = createTcpServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const takenPort = (blocker.address() as AddressInfo).port;
    const run = runSandboxCommand(['--json'], { ...FREE_PORTS, SANDBOX_PROVIDER_PORT: String(takenPort) });
    try {
      const exit = await run.exited;
      expect(exit.code).toBe(1);
      expect(run.output.stdout).toBe('');
      expect(run.output.stderr).toContain(String(takenPort));
      expect(run.output.stderr).toContain('SANDBOX_PROVIDER_PORT');
    } finally {
      killLeftovers(run.child);
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  test('explains itself with --help', async () => {
    const run = runSandboxCommand(['--help'], {});
    const exit = await run.exited;
    expect(exit.code).toBe(0);
    expect(run.output.stdout).toContain('--json');
    expect(run.output.stdout).toContain('SANDBOX_SHOP_PORT');
  });

  test('refuses an unknown fault switch', async () => {
    const run = runSandboxCommand(['--json'], { ...FREE_PORTS, SANDBOX_FAULTS: 'shop.no-such-fault' });
    const exit = await run.exited;
    expect(exit.code).toBe(2);
    expect(run.output.stderr).toContain('shop.no-such-fault');
    expect(run.output.stdout).toBe('');
  });

  test('starts the whole sandbox live and prints live keys with --live', async () => {
    const run = runSandboxCommand(['--json', '--live'], { ...FREE_PORTS, SANDBOX_MODE: '' });
    try {
      const line = JSON.parse(await firstLine(run)) as SandboxLine;
      expect(Object.keys(line).sort()).toEqual(['provider', 'referral', 'shop']);
      expect(line.provider.secretKey).toBe('sk_live_sandbox_51DressRehearsal0000'); // the sandbox's fake live key
      expect(line.provider.publishableKey).toBe('pk_live_sandbox_51DressRehearsal0000');
      expect(line.referral.apiKey).toBe('sk_live_referral_sandbox_0000'); // the sandbox's fake live key
      expect(line.referral.publishableKey).toBe('pk_live_referral_sandbox_0000');

      const { hostname, port } = new URL(line.provider.url);
      const stripe = new Stripe(line.provider.secretKey, { host: hostname, port: Number(port), protocol: 'http' });
      expect((await stripe.accounts.retrieveCurrent()).settings?.dashboard.display_name).toBe('Dress Rehearsal sandbox');
      const customer = await stripe.customers.create({ email: 'live-cli@example.test' });
      expect(customer.livemode).toBe(true);
      const html = await (await fetch(line.shop.url)).text();
      expect(html).toContain(`data-merchant="${line.referral.publishableKey}"`);

      stopWith(run.child, 'SIGTERM');
      const exit = await run.exited;
      expect(exit, `stderr:\n${run.output.stderr}`).toEqual({ code: 0, signal: null });
      expect(run.output.stdout.trim().split('\n'), 'stdout holds the one JSON line only').toHaveLength(1);
    } finally {
      killLeftovers(run.child);
    }
  });

  test('takes the mode from SANDBOX_MODE and refuses an unknown one', async () => {
    const live = runSandboxCommand(['--json'], { ...FREE_PORTS, SANDBOX_MODE: 'live' });
    try {
      const line = JSON.parse(await firstLine(live)) as SandboxLine;
      expect(line.provider.secretKey).toMatch(/^sk_live_/);
      expect(line.referral.publishableKey).toMatch(/^pk_live_/);
      stopWith(live.child, 'SIGTERM');
      expect((await live.exited).code).toBe(0);
    } finally {
      killLeftovers(live.child);
    }
    const bogus = runSandboxCommand(['--json'], { ...FREE_PORTS, SANDBOX_MODE: 'production' });
    const exit = await bogus.exited;
    expect(exit.code).toBe(2);
    expect(bogus.output.stderr).toContain('SANDBOX_MODE=production');
    expect(bogus.output.stdout).toBe('');
  });

  test('runs Rewardful with --referral-platform, and refuses an unknown platform in one line', async () => {
    const rewardful = runSandboxCommand(['--json', '--referral-platform', 'rewardful'], FREE_PORTS);
    try {
      const line = JSON.parse(await firstLine(rewardful)) as SandboxLine & { referral: { platform: string } };
      expect(line.referral.platform).toBe('rewardful');
      const html = await (await fetch(line.shop.url)).text();
      expect(html).toContain(`data-rewardful="${line.referral.publishableKey}"`);
      stopWith(rewardful.child, 'SIGTERM');
      expect((await rewardful.exited).code).toBe(0);
    } finally {
      killLeftovers(rewardful.child);
    }
    const bogus = runSandboxCommand(['--json'], { ...FREE_PORTS, SANDBOX_REFERRAL_PLATFORM: 'partnerstack' });
    const exit = await bogus.exited;
    expect(exit.code).toBe(2);
    expect(bogus.output.stderr.trim().split('\n')).toEqual([
      'sandbox: SANDBOX_REFERRAL_PLATFORM=partnerstack is not a referral platform the sandbox runs: use dress-rehearsal, rewardful, dub (empty: dress-rehearsal).',
    ]);
    expect(bogus.output.stdout).toBe('');
  });
});
