import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { parse as parseDotenv } from 'dotenv';
import Stripe from 'stripe';
import { SANDBOX_NODE_ARGS } from '../support/sandboxCommand';

/*
 * A sandbox for an external merchant: `npm run sandbox -- --no-merchant` starts only the provider and the referral
 * platform, and `npm run sandbox:seed` seeds it from a target's catalogue, printing the .env lines to paste. Run
 * twice, the seed changes nothing; after a restart it seeds the same objects with the same webhook secret. The
 * sandboxes here use free ports (SANDBOX_*_PORT=0) and the seed is given their URLs.
 */

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FREE_PORTS = { SANDBOX_PROVIDER_PORT: '0', SANDBOX_REFERRAL_PORT: '0' };

interface NoMerchantLine {
  provider: { url: string; secretKey: string; publishableKey: string; apiVersion?: string };
  referral: { url: string; apiKey: string; publishableKey: string };
}

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** `node --import tsx sandbox/main.ts <args>` in its own process group, its output collected. */
function startSandboxCommand(args: string[], env: Record<string, string> = FREE_PORTS) {
  const child = spawn(process.execPath, [...SANDBOX_NODE_ARGS, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, SANDBOX_API_VERSION: '', ...env },
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

type SandboxRun = ReturnType<typeof startSandboxCommand>;

async function jsonLine(run: SandboxRun): Promise<NoMerchantLine> {
  await expect
    .poll(() => run.output.stdout.includes('\n') || run.child.exitCode !== null, {
      message: 'the sandbox prints its JSON line',
      timeout: 60_000,
    })
    .toBe(true);
  expect(run.child.exitCode, `the sandbox is running; stderr:\n${run.output.stderr}`).toBeNull();
  return JSON.parse(run.output.stdout.slice(0, run.output.stdout.indexOf('\n'))) as NoMerchantLine;
}

async function stop(run: SandboxRun): Promise<void> {
  if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGTERM');
  const exit = await run.exited;
  killLeftovers(run.child);
  expect(exit, `stderr:\n${run.output.stderr}`).toEqual({ code: 0, signal: null });
}

function killLeftovers(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
}

/** `node --import tsx scripts/seedSandbox.ts <args>` (what `npm run sandbox:seed` runs). */
function seed(args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/seedSandbox.ts', ...args],
      { cwd: REPO_ROOT, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

function seedFor(line: NoMerchantLine, target: string, webhookUrl: string): Promise<Outcome> {
  return seed(['--target', target, '--webhook-url', webhookUrl, '--provider-url', line.provider.url, '--referral-url', line.referral.url]);
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

function stripeAt(apiBase: string, secretKey: string): Stripe {
  const { hostname, port } = new URL(apiBase);
  return new Stripe(secretKey, { host: hostname, port: Number(port), protocol: 'http' });
}

/** A merchant's webhook endpoint: keeps every request's raw body and signature for the test to verify. */
async function startWebhookReceiver() {
  const received: Array<{ body: Buffer; signature: string }> = [];
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ body: Buffer.concat(chunks), signature: String(request.headers['stripe-signature']) });
      response.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let dir: string;

test.beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sandbox-seed-'));
  await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }\n');
});

test.afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A target folder as an outside merchant writes one (only what the seed reads matters here). */
async function writeTarget(name: string, catalogue: object, capabilities: object, apiVersion: string): Promise<string> {
  const folder = path.join(dir, name);
  await mkdir(folder, { recursive: true });
  await writeFile(
    path.join(folder, 'target.ts'),
    `export default {
  name: ${JSON.stringify(name)},
  description: 'A merchant app of its own, seeded into the sandbox.',
  catalogue: ${JSON.stringify(catalogue)},
  capabilities: ${JSON.stringify(capabilities)},
  goLive: { apiVersion: ${JSON.stringify(apiVersion)}, customerPages: ['/'] },
  async connect() { throw new Error('not connected in this test'); },
  flows() { return {}; },
};
`,
  );
  return folder;
}

test.describe('npm run sandbox -- --no-merchant, seeded with npm run sandbox:seed', () => {
  test('starts only the provider and the referral platform; the seed of the demo catalogue works once and changes nothing the second time', async () => {
    const run = startSandboxCommand(['--no-merchant', '--json']);
    const receiver = await startWebhookReceiver();
    try {
      const line = await jsonLine(run);
      expect(Object.keys(line).sort(), 'no merchant in the JSON line').toEqual(['provider', 'referral']);
      expect(line.provider).toMatchObject({
        secretKey: 'sk_test_sandbox_51DressRehearsal0000',
        publishableKey: 'pk_test_sandbox_51DressRehearsal0000',
      });
      expect(line.referral).toMatchObject({ apiKey: 'sk_test_referral_sandbox_0000', publishableKey: 'pk_test_referral_sandbox_0000' });
      expect(run.output.stderr).toContain('starting provider and referral platform (no merchant)');

      const first = await seedFor(line, 'demo', receiver.url);
      expect(first.code, first.stderr).toBe(0);
      expect(lines(first.stderr)).toEqual(
        expect.arrayContaining([
          '  + created product "Rehearsal T-shirt" and price demo_tshirt: 2000 usd',
          '  + created product "Rehearsal Club" and price demo_club_monthly: 1500 usd every month',
          '  = referral programme prog_demo: pays 20 % of the sale, as the target expects',
          expect.stringMatching(
            /^ {2}\+ created webhook endpoint we_\w+ at http:\/\/127\.0\.0\.1:\d+\/webhooks\/stripe \(API version [^)]+\): checkout\.session\.completed, charge\.refunded, invoice\.paid, /,
          ),
          '✓ Seeded: 4 changes; running it again changes nothing.',
        ]),
      );

      const env = parseDotenv(first.stdout);
      expect(Object.keys(env)).toEqual([
        'REHEARSAL_MERCHANT_URL',
        'REHEARSAL_PROVIDER_API_BASE',
        'STRIPE_SECRET_KEY',
        'STRIPE_PUBLISHABLE_KEY',
        'REFERRAL_API_BASE',
        'REFERRAL_SECRET_KEY',
        'REFERRAL_PUBLISHABLE_KEY',
        'MERCHANT_WEBHOOK_URL',
        'MERCHANT_WEBHOOK_SECRET',
      ]);
      expect(env).toMatchObject({
        REHEARSAL_MERCHANT_URL: new URL(receiver.url).origin,
        REHEARSAL_PROVIDER_API_BASE: line.provider.url,
        REFERRAL_API_BASE: line.referral.url,
        MERCHANT_WEBHOOK_URL: receiver.url,
      });
      expect(env.MERCHANT_WEBHOOK_SECRET).toMatch(/^whsec_\w{32}$/);

      // The printed lines work: the key lists the seeded prices by lookup key, the secret verifies a delivery.
      const stripe = stripeAt(env.REHEARSAL_PROVIDER_API_BASE!, env.STRIPE_SECRET_KEY!);
      const prices = await stripe.prices.list({ lookup_keys: ['demo_tshirt', 'demo_tenugui_jpy', 'demo_club_monthly'], limit: 10 });
      expect(
        prices.data
          .map((price) => `${price.lookup_key} ${price.unit_amount} ${price.currency} ${price.recurring?.interval ?? 'once'}`)
          .sort(),
      ).toEqual(['demo_club_monthly 1500 usd month', 'demo_tenugui_jpy 1500 jpy once', 'demo_tshirt 2000 usd once']);
      const intent = await stripe.paymentIntents.create({
        amount: 2000,
        currency: 'usd',
        payment_method: 'pm_card_visa',
        confirm: true,
        return_url: 'https://shop.example.test/return',
      });
      await stripe.refunds.create({ payment_intent: intent.id });
      await expect.poll(() => receiver.received.length, { message: 'charge.refunded reaches the merchant endpoint' }).toBeGreaterThan(0);
      const delivered = stripe.webhooks.constructEvent(
        receiver.received[0]!.body,
        receiver.received[0]!.signature,
        env.MERCHANT_WEBHOOK_SECRET!,
      );
      expect(delivered.type).toBe('charge.refunded');

      const second = await seedFor(line, 'demo', receiver.url);
      expect(second.code, second.stderr).toBe(0);
      expect(
        lines(second.stderr).filter((text) => text.startsWith('  +')),
        'nothing created or changed',
      ).toEqual([]);
      expect(second.stderr).toContain('✓ Nothing changed: the sandbox already has everything targets/demo needs.');
      expect(second.stdout, 'the same lines, secret included').toBe(first.stdout);
      expect((await stripe.webhookEndpoints.list({ limit: 100 })).data.filter((endpoint) => endpoint.url === receiver.url)).toHaveLength(1);
      expect((await stripe.products.list({ limit: 100 })).data).toHaveLength(3);
    } finally {
      await receiver.close();
      await stop(run);
    }
  });

  test("creates a target's own programme and partner, and after a restart seeds them again with the same webhook secret", async () => {
    const target = await writeTarget(
      'acme-club',
      {
        product: {
          slug: 'mug',
          name: 'Acme Mug',
          unitAmount: 4000,
          currency: 'usd',
          price: { lookupKey: 'acme_mug' },
          expectedCommission: 1000,
        },
        partner: { key: 'carol', programId: 'prog_acme' },
        plans: [
          {
            slug: 'club',
            name: 'Acme Club',
            unitAmount: 2000,
            currency: 'usd',
            interval: 'month',
            intervalCount: 3,
            price: { lookupKey: 'acme_club_quarterly' },
            expectedCommission: 500,
          },
        ],
      },
      { paymentForm: 'hosted-checkout', refunds: 'provider-api', testClock: false },
      '2025-03-31.basil',
    );
    const webhookUrl = 'http://127.0.0.1:3999/stripe/events';
    const secrets: string[] = [];
    for (const round of ['first start', 'after a restart']) {
      const run = startSandboxCommand(['--no-merchant', '--json']);
      try {
        const line = await jsonLine(run);
        const outcome = await seedFor(line, target, webhookUrl);
        expect(outcome.code, `${round}: ${outcome.stderr}`).toBe(0);
        expect(lines(outcome.stderr)).toEqual(
          expect.arrayContaining([
            '  + created product "Acme Club" and price acme_club_quarterly: 2000 usd every 3 months',
            '  + created referral programme prog_acme: pays 25 % of the sale',
            "  + added partner carol to prog_acme (its referral link: your shop's URL with ?via=carol or ?ref=carol)",
          ]),
        );
        const response = await fetch(`${line.referral.url}/v1/programs/prog_acme`, {
          headers: { authorization: `Bearer ${line.referral.apiKey}` },
        });
        expect(await response.json()).toMatchObject({ id: 'prog_acme', rule: { type: 'percentage', percentage: 25 }, currency: 'usd' });
        const stripe = stripeAt(line.provider.url, line.provider.secretKey);
        const [endpoint] = (await stripe.webhookEndpoints.list({ limit: 100 })).data.filter((candidate) => candidate.url === webhookUrl);
        expect(endpoint?.api_version, "pinned to the target's API version").toBe('2025-03-31.basil');
        secrets.push(parseDotenv(outcome.stdout).MERCHANT_WEBHOOK_SECRET!);
      } finally {
        await stop(run);
      }
    }
    expect(secrets[0]).toMatch(/^whsec_/);
    expect(secrets[1], 'the merchant keeps its webhook secret across a sandbox restart').toBe(secrets[0]);
  });

  test('a payment-only target gets no referral programme and no REFERRAL_ lines; --api-version sets the account default', async () => {
    const target = await writeTarget(
      'tea-corner',
      {
        product: { slug: 'tin', name: 'Tea tin', unitAmount: 1200, currency: 'eur', price: { lookupKey: 'tea_tin' } },
        plans: [
          {
            slug: 'monthly',
            name: 'Tea monthly',
            unitAmount: 900,
            currency: 'eur',
            interval: 'month',
            intervalCount: 1,
            price: { lookupKey: 'tea_monthly' },
          },
        ],
      },
      {
        paymentForm: 'embedded-elements',
        refunds: 'provider-api',
        testClock: false,
        referralProgramme: false,
        cancellation: 'customer-portal',
      },
      '2025-03-31.basil',
    );
    const run = startSandboxCommand(['--no-merchant', '--json', '--api-version', '2024-06-20']);
    try {
      const line = await jsonLine(run);
      expect(line.provider.apiVersion).toBe('2024-06-20');
      const outcome = await seedFor(line, target, 'http://127.0.0.1:3998/hooks');
      expect(outcome.code, outcome.stderr).toBe(0);
      expect(outcome.stderr).not.toMatch(/programme|partner/);
      const env = parseDotenv(outcome.stdout);
      expect(Object.keys(env).filter((name) => name.startsWith('REFERRAL_'))).toEqual([]);
      expect(outcome.stdout).not.toContain('snippet.js');

      const stripe = stripeAt(line.provider.url, line.provider.secretKey);
      const [endpoint] = (await stripe.webhookEndpoints.list({ limit: 100 })).data.filter(
        (candidate) => candidate.url === 'http://127.0.0.1:3998/hooks',
      );
      expect(endpoint?.enabled_events).toEqual([
        'payment_intent.succeeded',
        'charge.refunded',
        'invoice.paid',
        'customer.subscription.deleted',
        'customer.subscription.updated',
      ]);

      await stripe.paymentIntents.create({
        amount: 1200,
        currency: 'eur',
        payment_method: 'pm_card_visa',
        confirm: true,
        return_url: 'https://shop.example.test/return',
      });
      const events = await stripe.events.list({ limit: 10 });
      expect(events.data.length).toBeGreaterThan(0);
      expect(new Set(events.data.map((event) => event.api_version)), "events are written in the account's default version").toEqual(
        new Set(['2024-06-20']),
      );
    } finally {
      await stop(run);
    }
  });

  test('a changed price takes the lookup key over; a programme that pays otherwise is named and left alone (exit 1)', async () => {
    const product = {
      slug: 'mug',
      name: 'Acme Mug',
      unitAmount: 4000,
      currency: 'usd',
      price: { lookupKey: 'acme_mug' },
      expectedCommission: 1000,
    };
    const capabilities = { paymentForm: 'hosted-checkout', refunds: 'provider-api', testClock: false };
    const catalogue = (mug: object) => ({ product: mug, partner: { key: 'carol', programId: 'prog_acme' }, plans: [] });
    const target = await writeTarget('acme-mugs', catalogue(product), capabilities, '2025-03-31.basil');
    const run = startSandboxCommand(['--no-merchant', '--json']);
    try {
      const line = await jsonLine(run);
      expect((await seedFor(line, target, 'http://127.0.0.1:3997/hooks')).code).toBe(0);

      await writeTarget(
        'acme-mugs',
        catalogue({ ...product, unitAmount: 4800, expectedCommission: 1200 }),
        capabilities,
        '2025-03-31.basil',
      );
      const repriced = await seedFor(line, target, 'http://127.0.0.1:3997/hooks');
      expect(repriced.code, repriced.stderr).toBe(0);
      expect(lines(repriced.stderr)).toContainEqual(
        expect.stringMatching(
          /^ {2}\+ created price acme_mug: 4800 usd on product prod_\w+; it took the lookup key over from price_\w+ \(4000 usd\)$/,
        ),
      );
      const stripe = stripeAt(line.provider.url, line.provider.secretKey);
      expect((await stripe.prices.list({ lookup_keys: ['acme_mug'] })).data.map((price) => price.unit_amount)).toEqual([4800]);

      await writeTarget(
        'acme-mugs',
        catalogue({ ...product, unitAmount: 4800, expectedCommission: 1440 }),
        capabilities,
        '2025-03-31.basil',
      );
      const conflict = await seedFor(line, target, 'http://127.0.0.1:3997/hooks');
      expect(conflict.code).toBe(1);
      expect(lines(conflict.stderr).at(-1)).toBe(
        'The referral programme prog_acme already exists and pays 25 % of the sale, not what targets/acme-mugs expects (Acme Mug (4800 usd): the target expects 1440, the rule pays 1200): ' +
          'fix expectedCommission in its target.ts, or name another programId to have it created.',
      );
      expect(conflict.stdout, 'no .env lines after a conflict').toBe('');
    } finally {
      await stop(run);
    }
  });

  test('mistakes are one line and exit 2: no sandbox at the URL, a bad --api-version, --no-merchant with --merchant', async () => {
    const noSandbox = await seed([
      '--target',
      'demo',
      '--webhook-url',
      'http://127.0.0.1:3999/hooks',
      '--provider-url',
      'http://127.0.0.1:9',
    ]);
    expect(noSandbox.code).toBe(2);
    expect(lines(noSandbox.stderr).at(-1)).toBe(
      'No sandbox provider answers at http://127.0.0.1:9: start it with `npm run sandbox -- --no-merchant` (or give its --provider-url).',
    );
    expect(noSandbox.stdout).toBe('');

    const noUrl = await seed(['--target', 'demo']);
    expect(noUrl.code).toBe(2);
    expect(lines(noUrl.stderr)).toEqual([
      "--webhook-url is missing: give your merchant app's webhook endpoint, e.g. --webhook-url http://127.0.0.1:3000/webhooks/stripe.",
    ]);

    const badVersion = startSandboxCommand(['--no-merchant', '--api-version', 'latest']);
    expect((await badVersion.exited).code).toBe(2);
    expect(lines(badVersion.output.stderr)[0]).toBe(
      '--api-version latest is not an API version: write it as Stripe does, e.g. 2024-06-20 or 2025-03-31.basil.',
    );

    const both = startSandboxCommand(['--no-merchant', '--merchant', 'embedded']);
    expect((await both.exited).code).toBe(2);
    expect(lines(both.output.stderr)[0]).toBe('--no-merchant and --merchant contradict each other: give one of them.');
  });

  test('npm run sandbox:seed is the entry point, and npm run sandbox -- --help names it', async () => {
    const help = await new Promise<Outcome>((resolve) =>
      execFile('npm', ['run', '-s', 'sandbox:seed', '--', '--help'], { cwd: REPO_ROOT, timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? 1 : 0, stdout, stderr }),
      ),
    );
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run sandbox:seed -- --target <name> --webhook-url <url>/);
    const sandboxHelp = startSandboxCommand(['--help']);
    expect((await sandboxHelp.exited).code).toBe(0);
    expect(sandboxHelp.output.stdout).toContain('npm run sandbox:seed -- --target <name> --webhook-url');
  });
});
