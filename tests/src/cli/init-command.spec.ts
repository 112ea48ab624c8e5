import { test, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TargetEnvironment } from '../../../src/model/target/contract';
import { loadTarget } from '../../../src/model/target/loadTarget';

const BIN = path.resolve('bin/rehearse.mjs');
const TSC = path.resolve('node_modules/typescript/bin/tsc');
const TARGETS = path.resolve('targets');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], options: { cwd?: string } = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [file, ...args],
      { cwd: options.cwd ?? process.cwd(), timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

const rehearse = (args: string[]) => run(BIN, args);

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** Every file under targets/ (names and contents), to prove a refused init changed nothing. */
async function snapshotTargets(): Promise<string> {
  const hash = createHash('sha256');
  const entries = await readdir(TARGETS, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of files)
    hash
      .update(`${path.relative(TARGETS, file)}\0`)
      .update(await readFile(file))
      .update('\0');
  return `${files.length} files ${hash.digest('hex')}`;
}

/** Anything of this name under targets/: the target's folder and a staging folder an interrupted init may leave. */
async function removeTarget(name: string): Promise<void> {
  for (const entry of await readdir(TARGETS)) {
    if (entry === name || entry.startsWith(`.${name}.init-`)) await rm(path.join(TARGETS, entry), { recursive: true, force: true });
  }
}

/** Type-checks the generated files only (and the src/ they import); returns tsc's output and exit code. */
async function typeCheck(dir: string): Promise<Outcome> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'init-typecheck-'));
  try {
    const tsconfig = path.join(scratch, 'tsconfig.json');
    await writeFile(
      tsconfig,
      JSON.stringify({
        extends: path.resolve('tsconfig.json'),
        compilerOptions: { noEmit: true, typeRoots: [path.resolve('node_modules/@types')] },
        include: [path.join(dir, '**/*.ts')],
      }),
    );
    return await run(TSC, ['--noEmit', '-p', tsconfig, '--pretty', 'false']);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The variables of a running integration, with the merchant's webhook endpoint and no event list. */
const RUNNING_INTEGRATION: NodeJS.ProcessEnv = {
  REHEARSAL_MERCHANT_URL: 'https://shop.example.com',
  STRIPE_SECRET_KEY: 'sk_test_init_probe_0000',
  STRIPE_PUBLISHABLE_KEY: 'pk_test_init_probe_0000',
  REFERRAL_API_BASE: 'https://referral.example.com',
  REFERRAL_SECRET_KEY: 'sk_test_referral_init_probe_0000',
  REFERRAL_PUBLISHABLE_KEY: 'pk_test_referral_init_probe_0000',
  MERCHANT_WEBHOOK_URL: 'https://shop.example.com/webhooks/stripe',
};

const CUSTOMER = { email: 'a@example.com', name: 'A', billingCountry: 'US', billingPostalCode: '10001' };

/** A stand-in Page: every property is a function returning it again, enough for page objects' constructors. */
function inertPage(): Page {
  const page: object = new Proxy(() => page, { get: () => () => page });
  return page as Page;
}

test('writes a target that type-checks, loads, and says what to do next; a second init changes nothing', async () => {
  test.setTimeout(240_000);
  const name = `zz-init-probe-${randomBytes(3).toString('hex')}`;
  const dir = path.join(TARGETS, name);
  try {
    const first = await rehearse(['init', name]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`✓ Wrote targets/${name}/ for your integration (payment form: hosted-checkout):`);
    const expected = [
      'target.ts',
      'flows.ts',
      'pages/landingPage.ts',
      'pages/productPage.ts',
      'pages/successPage.ts',
      '.env.example',
      'README.md',
    ];
    for (const file of expected) {
      expect(first.stdout).toContain(`targets/${name}/${file}`);
      expect((await readFile(path.join(dir, file), 'utf8')).length, `${file} has content`).toBeGreaterThan(0);
    }
    expect(lines(first.stdout).slice(-4)).toEqual([
      'Next:',
      `  1. Write the page objects in targets/${name}/pages/ and fill the TODOs of targets/${name}/target.ts (targets/${name}/README.md says how).`,
      `  2. Copy targets/${name}/.env.example to targets/${name}/.env, fill it in, and choose the target with REHEARSAL_TARGET=${name}.`,
      '  3. Run `npx rehearse preflight`, then `npx rehearse run`.',
    ]);

    // .env.example names every variable and leaves every secret empty.
    const envExample = await readFile(path.join(dir, '.env.example'), 'utf8');
    expect(envExample).toContain(`REHEARSAL_TARGET=${name}\n`);
    for (const secret of [
      'STRIPE_SECRET_KEY',
      'STRIPE_PUBLISHABLE_KEY',
      'REFERRAL_SECRET_KEY',
      'REFERRAL_PUBLISHABLE_KEY',
      'MERCHANT_WEBHOOK_SECRET',
    ]) {
      expect(envExample).toMatch(new RegExp(`^${secret}=$`, 'm'));
    }
    for (const variable of ['REHEARSAL_MERCHANT_URL', 'REFERRAL_API_BASE', 'MERCHANT_WEBHOOK_URL'])
      expect(envExample).toMatch(new RegExp(`^${variable}=`, 'm'));

    expect(envExample).toContain('# MERCHANT_WEBHOOK_EVENTS=checkout.session.completed,charge.refunded\n');
    expect(first.stdout, 'a hosted Checkout shop has no checkout page of its own').not.toContain('pages/checkoutPage.ts');

    // It type-checks: only the generated files, and the src/ they import.
    const typecheck = await typeCheck(dir);
    expect(typecheck.stdout + typecheck.stderr, 'tsc finds no error').toBe('');
    expect(typecheck.code).toBe(0);

    // loadTarget finds it; its flows say which file to write; connect says what .env lacks.
    const target = await loadTarget(name);
    expect(target.name).toBe(name);
    expect(target.capabilities).toEqual({ paymentForm: 'hosted-checkout', refunds: 'provider-api', testClock: false });
    await expect(target.connect({ workerIndex: 0, env: {} })).rejects.toThrow(
      `targets/${name}: REHEARSAL_MERCHANT_URL is not set: copy targets/${name}/.env.example to targets/${name}/.env and fill it in.`,
    );
    const flows = target.flows(inertPage(), { merchant: { baseUrl: 'http://127.0.0.1:9' } } as TargetEnvironment);
    await expect(flows.openReferralLink('alice', 'rh-1')).rejects.toThrow(
      `targets/${name}/flows.ts: openReferralLink is not written yet — write LandingPage.open in targets/${name}/pages/landingPage.ts (see targets/${name}/README.md).`,
    );
    await expect(flows.startCheckout('tshirt', CUSTOMER)).rejects.toThrow(
      `targets/${name}/flows.ts: startCheckout is not written yet — write ProductPage.open`,
    );
    await expect(flows.readOrder()).rejects.toThrow(`targets/${name}/flows.ts: readOrder is not written yet`);
    expect(flows.refundOrder, 'optional flows are left out').toBeUndefined();
    const environment = await target.connect({ workerIndex: 0, env: { ...RUNNING_INTEGRATION } });
    expect(environment.requiredWebhookEndpoints[0]?.events, "hosted Checkout's default events").toEqual([
      'checkout.session.completed',
      'charge.refunded',
    ]);

    // A second init of the same name refuses and changes nothing.
    const before = await snapshotTargets();
    const again = await rehearse(['init', name]);
    expect(again.code).toBe(2);
    expect(again.stdout).toBe('');
    expect(lines(again.stderr)).toEqual([
      `targets/${name}/ already exists: choose another name, or edit the files there. Nothing was written.`,
    ]);
    expect(await snapshotTargets()).toBe(before);
  } finally {
    await removeTarget(name);
  }
});

test('writes a Payment Element target with its own checkout page, which type-checks and loads', async () => {
  test.setTimeout(240_000);
  const name = `zz-init-elements-${randomBytes(3).toString('hex')}`;
  const dir = path.join(TARGETS, name);
  try {
    const outcome = await rehearse(['init', name, '--payment-form', 'embedded-elements']);
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain(`✓ Wrote targets/${name}/ for your integration (payment form: embedded-elements):`);
    const expected = [
      'target.ts',
      'flows.ts',
      'pages/landingPage.ts',
      'pages/productPage.ts',
      'pages/checkoutPage.ts',
      'pages/successPage.ts',
      '.env.example',
      'README.md',
    ];
    for (const file of expected) {
      expect(outcome.stdout).toContain(`targets/${name}/${file}`);
      expect((await readFile(path.join(dir, file), 'utf8')).length, `${file} has content`).toBeGreaterThan(0);
    }
    expect(
      (await readdir(dir, { recursive: true }))
        .filter((entry) => entry.endsWith('.ts') || entry.endsWith('.md') || entry.endsWith('.example'))
        .sort(),
    ).toEqual(expected.map((file) => file.split('/').join(path.sep)).sort());

    const read = (file: string) => readFile(path.join(dir, file), 'utf8');
    const flowsText = await read('flows.ts');
    expect(flowsText).toContain("import { StripePaymentElement } from '../../src/run/pages/stripePaymentElement';");
    expect(flowsText).not.toContain('StripeHostedCheckout');
    expect(flowsText).toContain("referralLink(merchantUrl, partnerKey, runId, { param: 'ref' })");
    expect(await read('pages/checkoutPage.ts')).toContain("{ kind: 'payment_intent', id");
    expect(await read('pages/successPage.ts')).toContain('?payment_intent=pi_');
    for (const file of ['pages/productPage.ts', 'pages/successPage.ts']) {
      expect(await read(file), `${file} does not send the customer to Stripe's page`).not.toMatch(
        /left your site|leaves? your site|payment page returns|Stripe Checkout/,
      );
    }
    expect(await read('pages/landingPage.ts')).toContain('referral:click-recorded');
    const envExample = await read('.env.example');
    expect(envExample).toContain("for 'embedded-elements' it is payment_intent.succeeded,charge.refunded");
    expect(envExample).toContain('# MERCHANT_WEBHOOK_EVENTS=payment_intent.succeeded,charge.refunded\n');
    expect(envExample).toContain('# REFERRAL_PROVIDER_WEBHOOK_EVENTS=checkout.session.completed,invoice.paid,charge.refunded\n');
    expect(envExample, "MERCHANT_ADMIN_KEY's comment says what it becomes").toMatch(
      /refund API's key[^\n]*\n# it becomes environment\.merchant\.adminKey[^\n]*\n[^\n]*\n# MERCHANT_ADMIN_KEY=\n/,
    );
    expect(await read('README.md')).toContain(`npx rehearse init ${name} --payment-form embedded-elements`);

    const typecheck = await typeCheck(dir);
    expect(typecheck.stdout + typecheck.stderr, 'tsc finds no error').toBe('');
    expect(typecheck.code).toBe(0);

    const target = await loadTarget(name);
    expect(target.capabilities).toEqual({ paymentForm: 'embedded-elements', refunds: 'provider-api', testClock: false });
    const environment = await target.connect({ workerIndex: 0, env: { ...RUNNING_INTEGRATION } });
    expect(environment.requiredWebhookEndpoints[0]?.events, "a Payment Element's default events").toEqual([
      'payment_intent.succeeded',
      'charge.refunded',
    ]);
    const flows = target.flows(inertPage(), { merchant: { baseUrl: 'http://127.0.0.1:9' } } as TargetEnvironment);
    await expect(flows.startCheckout('tshirt', CUSTOMER)).rejects.toThrow(
      `targets/${name}/flows.ts: startCheckout is not written yet — write ProductPage.open in targets/${name}/pages/productPage.ts`,
    );
    await expect(flows.submitPayment()).rejects.toThrow(
      `targets/${name}/flows.ts: submitPayment is not written yet — write CheckoutPage.pay in targets/${name}/pages/checkoutPage.ts (see targets/${name}/README.md).`,
    );
    await expect(flows.readOrder()).rejects.toThrow(`targets/${name}/flows.ts: readOrder is not written yet — write SuccessPage.readOrder`);
    expect(flows.returnToMerchantAfterDecline, 'optional flows are left out').toBeUndefined();
  } finally {
    await removeTarget(name);
  }
});

test('asks how subscribers cancel: --cancellation customer-portal writes the portal cancel flow and the account page, which type-check', async () => {
  test.setTimeout(240_000);
  const name = `zz-init-portal-${randomBytes(3).toString('hex')}`;
  const dir = path.join(TARGETS, name);
  try {
    const outcome = await rehearse(['init', name, '--cancellation', 'customer-portal']);
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain(
      `✓ Wrote targets/${name}/ for your integration (payment form: hosted-checkout, cancellation: Stripe's customer portal):`,
    );
    expect(outcome.stdout).toContain(`targets/${name}/pages/accountPage.ts`);
    const flowsText = await readFile(path.join(dir, 'flows.ts'), 'utf8');
    expect(flowsText).toContain("import { StripeCustomerPortal } from '../../src/run/pages/stripeCustomerPortal';");
    expect(flowsText).toContain('await portal.cancelSubscription({ subscriptionId });');

    const typecheck = await typeCheck(dir);
    expect(typecheck.stdout + typecheck.stderr, 'tsc finds no error').toBe('');
    const target = await loadTarget(name);
    expect(target.capabilities.cancellation).toBe('customer-portal');
    const flows = target.flows(inertPage(), { merchant: { baseUrl: 'http://127.0.0.1:9' } } as TargetEnvironment);
    await expect(flows.cancelSubscription!('sub_1', 'now')).rejects.toThrow(
      `targets/${name}/flows.ts: cancelSubscription is not written yet — write AccountPage.openBillingPortal in targets/${name}/pages/accountPage.ts`,
    );

    const bad = await rehearse(['init', 'my-shop', '--cancellation', 'email']);
    expect(bad.code).toBe(2);
    expect(lines(bad.stderr)).toEqual([
      '--cancellation needs merchant-page or customer-portal (got "email"), e.g. `rehearse init my-shop --cancellation customer-portal`. Nothing was written.',
    ]);
  } finally {
    await removeTarget(name);
  }
});

test('--payment-only writes a target with no partner, commission, referral variables or landing page, which type-checks and connects without REFERRAL_*', async () => {
  test.setTimeout(240_000);
  const name = `zz-init-payonly-${randomBytes(3).toString('hex')}`;
  const dir = path.join(TARGETS, name);
  try {
    const outcome = await rehearse(['init', name, '--payment-only']);
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain(`(payment form: hosted-checkout, payment only):`);
    expect(outcome.stdout).not.toContain('pages/landingPage.ts');
    expect(outcome.stdout).toContain(`Copy targets/${name}/.env.example to targets/${name}/.env`);
    const read = (file: string) => readFile(path.join(dir, file), 'utf8');
    const targetText = await read('target.ts');
    expect(targetText).toContain('referralProgramme: false,');
    expect(targetText).not.toMatch(/partner:|expectedCommission/);
    expect(await read('.env.example')).not.toContain('REFERRAL_');
    expect(await read('flows.ts')).not.toMatch(/LandingPage|referralLink/);

    const typecheck = await typeCheck(dir);
    expect(typecheck.stdout + typecheck.stderr, 'tsc finds no error').toBe('');
    const target = await loadTarget(name);
    expect(target.capabilities.referralProgramme).toBe(false);
    const {
      REFERRAL_API_BASE: _base,
      REFERRAL_SECRET_KEY: _secret,
      REFERRAL_PUBLISHABLE_KEY: _publishable,
      ...withoutReferral
    } = RUNNING_INTEGRATION;
    const environment = await target.connect({ workerIndex: 0, env: { ...withoutReferral } });
    expect(environment.referral).toBeUndefined();
  } finally {
    await removeTarget(name);
  }
});

for (const [platform, label, apiBase] of [
  ['rewardful', 'Rewardful', 'https://api.getrewardful.com'],
  ['dub', 'Dub', 'https://api.dub.co'],
] as const) {
  test(`--referral-platform ${platform} names it in target.ts and lists its keys in .env.example; the target type-checks and connects without a referral endpoint at Stripe`, async () => {
    test.setTimeout(240_000);
    const name = `zz-init-${platform}-${randomBytes(3).toString('hex')}`;
    const dir = path.join(TARGETS, name);
    try {
      const outcome = await rehearse(['init', name, '--referral-platform', platform]);
      expect(outcome.stderr).toBe('');
      expect(outcome.code).toBe(0);
      expect(outcome.stdout).toContain(`(payment form: hosted-checkout, referral platform: ${label}):`);
      const read = (file: string) => readFile(path.join(dir, file), 'utf8');
      expect(await read('target.ts')).toContain(`referralPlatform: '${platform}',`);
      const envExample = await read('.env.example');
      expect(envExample).toContain(`# The referral platform: ${label} (target.ts: referralPlatform: '${platform}')`);
      expect(envExample).toContain(`REFERRAL_API_BASE=${apiBase}\nREFERRAL_SECRET_KEY=\nREFERRAL_PUBLISHABLE_KEY=\n`);
      expect(envExample).not.toContain('/v1/provider/webhooks');

      const typecheck = await typeCheck(dir);
      expect(typecheck.stdout + typecheck.stderr, 'tsc finds no error').toBe('');
      const target = await loadTarget(name);
      expect(target.referralPlatform).toBe(platform);
      const environment: TargetEnvironment = await target.connect({ workerIndex: 0, env: { ...RUNNING_INTEGRATION } });
      expect(environment.requiredWebhookEndpoints.map((endpoint) => endpoint.name)).toEqual(['the merchant']);
    } finally {
      await removeTarget(name);
    }
  });
}

test('asks which referral platform at a terminal only; a wrong answer or option is one line naming the platforms', async () => {
  const { PassThrough } = await import('node:stream');
  const { askReferralPlatform } = await import('../../../src/cli/init/askReferralPlatform');
  const terminal = (answer: string) => {
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const output = Object.assign(new PassThrough(), { isTTY: true });
    setTimeout(() => input.write(`${answer}\n`), 10);
    return { input, output };
  };
  expect(await askReferralPlatform(terminal('Dub'))).toBe('dub');
  expect(await askReferralPlatform(terminal(''))).toBe('dress-rehearsal');
  await expect(askReferralPlatform(terminal('tapfiliate'))).rejects.toThrow(
    '--referral-platform needs dress-rehearsal, rewardful or dub (got "tapfiliate")',
  );
  expect(await askReferralPlatform({ input: new PassThrough(), output: new PassThrough() })).toBeUndefined();

  const before = await snapshotTargets();
  const bad = await rehearse(['init', 'my-shop', '--referral-platform', 'tapfiliate']);
  expect(bad.code).toBe(2);
  expect(lines(bad.stderr)).toEqual([
    '--referral-platform needs dress-rehearsal, rewardful or dub (got "tapfiliate"), e.g. `rehearse init my-shop --referral-platform rewardful`. Nothing was written.',
  ]);
  const both = await rehearse(['init', 'my-shop', '--payment-only', '--referral-platform', 'dub']);
  expect(both.code).toBe(2);
  expect(await snapshotTargets()).toBe(before);
});

test('refuses a bad --payment-form or an unknown option in one line and writes nothing', async () => {
  const before = await snapshotTargets();
  const choices = 'hosted-checkout or embedded-elements';
  const example = 'e.g. `rehearse init my-shop --payment-form embedded-elements`. Nothing was written.';
  for (const [args, message] of [
    [['my-shop', '--payment-form', 'paypal'], `--payment-form needs ${choices} (got "paypal"), ${example}`],
    [['--payment-form=Embedded-Elements', 'my-shop'], `--payment-form needs ${choices} (got "Embedded-Elements"), ${example}`],
    [['my-shop', '--payment-form'], `--payment-form needs ${choices}, ${example}`],
    [['my-shop', '--refunds', 'merchant-api'], 'rehearse init has no option --refunds. Run `rehearse init --help`.'],
  ] as const) {
    const outcome = await rehearse(['init', ...args]);
    expect(outcome.code, args.join(' ')).toBe(2);
    expect(outcome.stdout, args.join(' ')).toBe('');
    expect(lines(outcome.stderr), args.join(' ')).toEqual([message]);
  }
  expect(await snapshotTargets()).toBe(before);
  const help = await rehearse(['init', '--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('--payment-form embedded-elements');
});

test('refuses a bad name in one line and writes nothing', async () => {
  const before = await snapshotTargets();
  for (const [name, message] of [
    [
      'My_Shop',
      '"My_Shop" is not lowercase kebab-case (letters, digits and single dashes, starting with a letter): choose a name like my-shop. Nothing was written.',
    ],
    [
      '1shop',
      '"1shop" is not lowercase kebab-case (letters, digits and single dashes, starting with a letter): choose a name like my-shop. Nothing was written.',
    ],
    [
      '../escape',
      '"../escape" is not lowercase kebab-case (letters, digits and single dashes, starting with a letter): choose a name like my-shop. Nothing was written.',
    ],
    ['demo', 'targets/demo/ already exists: choose another name, or edit the files there. Nothing was written.'],
  ] as const) {
    const outcome = await rehearse(['init', name]);
    expect(outcome.code, name).toBe(2);
    expect(outcome.stdout, name).toBe('');
    expect(lines(outcome.stderr), name).toEqual([message]);
  }
  const extra = await rehearse(['init', 'my-shop', 'other']);
  expect(extra.code).toBe(2);
  expect(lines(extra.stderr)).toEqual(['rehearse init takes one name (got also other). Run `rehearse init --help`.']);
  expect(await snapshotTargets()).toBe(before);
});
