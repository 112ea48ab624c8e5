import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Each refusal of the live guard, through the real command: `node bin/rehearse.mjs run …` with a crafted
 * environment exits 2 with exactly the failed rules on stderr, one line each, and runs nothing. The "integration"
 * is a tiny local server: the merchant's landing page (its tracking snippet key is what a test sets) and
 * `GET /v1/account` as the live sandbox answers it.
 */

const BIN = path.resolve('bin/rehearse.mjs');
const ACCOUNT_NAME = 'Dress Rehearsal sandbox';
const LIVE = {
  STRIPE_SECRET_KEY: 'sk_live_sandbox_51DressRehearsal0000',
  STRIPE_PUBLISHABLE_KEY: 'pk_live_sandbox_51DressRehearsal0000',
  REFERRAL_SECRET_KEY: 'sk_live_referral_sandbox_0000',
  REFERRAL_PUBLISHABLE_KEY: 'pk_live_referral_sandbox_0000',
};
const TEST = {
  STRIPE_SECRET_KEY: 'sk_test_sandbox_0000',
  STRIPE_PUBLISHABLE_KEY: 'pk_test_sandbox_0000',
  REFERRAL_SECRET_KEY: 'sk_test_referral_sandbox_0000',
  REFERRAL_PUBLISHABLE_KEY: 'pk_test_referral_sandbox_0000',
};
const LIVE_CARD = { REHEARSAL_LIVE_CARD_NUMBER: '4111111111111111', REHEARSAL_LIVE_CARD_EXPIRY: '12/34', REHEARSAL_LIVE_CARD_CVC: '123' };
/** Variables of the parent run (or the developer's shell) that must not leak into the command under test. */
const INHERITED = /^(REHEARSAL_|STRIPE_|REFERRAL_|MERCHANT_|SANDBOX_|TEST_WORKER_INDEX|TEST_PARALLEL_INDEX|PLAYWRIGHT_TEST)/;

let server: Server;
let baseUrl: string;
let host: string;
let snippetKey = LIVE.REFERRAL_PUBLISHABLE_KEY;
let reportsDir: string;

test.beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/v1/account') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          id: 'acct_1DressRehearsal',
          object: 'account',
          settings: { dashboard: { display_name: ACCOUNT_NAME } },
          business_profile: { name: ACCOUNT_NAME },
        }),
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(`<!doctype html><title>Shop</title><script src="/snippet.js" data-merchant="${snippetKey}" defer></script><h1>Shop</h1>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  baseUrl = `http://${host}`;
  reportsDir = await mkdtemp(path.join(tmpdir(), 'rehearse-live-guard-'));
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(reportsDir, { recursive: true, force: true });
});

test.beforeEach(() => {
  snippetKey = LIVE.REFERRAL_PUBLISHABLE_KEY;
});

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** A live configuration that passes every rule, with `changes` applied (undefined removes a variable). */
function environment(changes: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!INHERITED.test(name)) env[name] = value;
  Object.assign(env, {
    REHEARSAL_REPORTS_DIR: reportsDir,
    REHEARSAL_STATE_DIR: path.join(reportsDir, 'state'),
    REHEARSAL_MERCHANT_URL: baseUrl,
    REHEARSAL_PROVIDER_API_BASE: baseUrl,
    REFERRAL_API_BASE: baseUrl,
    ...LIVE,
    REHEARSAL_CONFIRM_LIVE: ACCOUNT_NAME,
    REHEARSAL_MAX_AMOUNT: '5000',
    ...LIVE_CARD,
    FORCE_COLOR: '0',
  });
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

function rehearse(args: string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, cwd: path.resolve('.'), timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

const LIVE_RUN = ['run', '--mode', 'live', '--confirm-live', '--grep', 'refund'];

/** Runs the command and checks it refused: exit 2, exactly `expected` on stderr, nothing run. */
async function expectRefusal(args: string[], env: NodeJS.ProcessEnv, expected: string[]): Promise<Outcome> {
  const outcome = await rehearse(args, env);
  const { code, stdout, stderr } = outcome;
  expect(lines(stderr), 'every failed rule, one line each, nothing else').toEqual(expected);
  expect(code).toBe(2);
  expect(stdout).toMatch(/mode guard… ✗ \d+ rules? failed; nothing was run\./);
  expect(stdout, 'Playwright never started').not.toContain('Running the scenarios');
  expect(await readdir(reportsDir), 'no results were written').not.toContain('allure-results');
  return outcome;
}

/** No integration described (no REHEARSAL_MERCHANT_URL): the demo rehearses its embedded sandbox; `variables` added. */
function embeddedSandboxEnvironment(variables: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!INHERITED.test(name)) env[name] = value;
  return { ...env, REHEARSAL_REPORTS_DIR: reportsDir, REHEARSAL_STATE_DIR: path.join(reportsDir, 'state'), FORCE_COLOR: '0', ...variables };
}

const EMBEDDED_SANDBOX_LINE = '▸ Rehearsing the embedded offline sandbox (no account, nothing leaves this machine)';

test.describe('rehearse run refuses, before anything runs', () => {
  test.describe.configure({ mode: 'parallel' });

  test('a complete live configuration passes the guard (the control for every refusal below)', async () => {
    const ownReports = await mkdtemp(path.join(tmpdir(), 'rehearse-live-guard-control-'));
    const { code, stdout, stderr } = await rehearse(
      ['run', '--mode', 'live', '--confirm-live', '--list'],
      environment({ REHEARSAL_REPORTS_DIR: ownReports }),
    ).finally(() => rm(ownReports, { recursive: true, force: true }));
    expect(stderr).toBe('');
    expect(lines(stdout)[0], 'the first line names the system rehearsed').toBe(
      `▸ Rehearsing your site at ${baseUrl} (provider ${baseUrl}, referral platform ${baseUrl})`,
    );
    expect(stdout).toContain('▸ Checking the live mode guard… ✓');
    expect(stdout, 'every variable is used: none named').not.toContain(' is set but ');
    expect(code).toBe(0);
  });

  test('live mode without --confirm-live (an inherited REHEARSAL_CONFIRM_LIVE_FLAG does not count)', async () => {
    await expectRefusal(['run', '--mode', 'live', '--grep', 'refund'], environment({ REHEARSAL_CONFIRM_LIVE_FLAG: '1' }), [
      'Live mode charges a real card: add --confirm-live to `rehearse run --mode live` (REHEARSAL_CONFIRM_LIVE_FLAG=1 for npx playwright test).',
    ]);
  });

  test('REHEARSAL_MODE=live in the environment needs --confirm-live too', async () => {
    await expectRefusal(['run', '--grep', 'refund'], environment({ REHEARSAL_MODE: 'live' }), [
      'Live mode charges a real card: add --confirm-live to `rehearse run --mode live` (REHEARSAL_CONFIRM_LIVE_FLAG=1 for npx playwright test).',
    ]);
  });

  test('a wrong typed name', async () => {
    await expectRefusal(LIVE_RUN, environment({ REHEARSAL_CONFIRM_LIVE: 'Acme Inc' }), [
      `REHEARSAL_CONFIRM_LIVE="Acme Inc" is neither the provider account's name ("${ACCOUNT_NAME}") nor the merchant's host (${host}): type one of them to confirm where the money moves.`,
    ]);
  });

  test('test keys in live mode', async () => {
    snippetKey = TEST.REFERRAL_PUBLISHABLE_KEY;
    await expectRefusal(LIVE_RUN, environment({ ...TEST, REHEARSAL_CONFIRM_LIVE: host }), [
      'Live mode needs live keys, but these are not: the provider secret key (STRIPE_SECRET_KEY: a test key), the provider publishable key (STRIPE_PUBLISHABLE_KEY: a test key), ' +
        'the referral platform secret key (REFERRAL_SECRET_KEY: a test key), the referral platform publishable key (REFERRAL_PUBLISHABLE_KEY: a test key); ' +
        'set live keys (prefixes sk_live or rk_live, pk_live) or run with --mode test.',
      `The merchant's page ${baseUrl}/ carries a test key in its tracking snippet (script[data-merchant]), not pk_live_…: deploy the live snippet key before rehearsing live.`,
    ]);
  });

  test('live keys in test mode (--mode wins over REHEARSAL_MODE)', async () => {
    await expectRefusal(['run', '--mode', 'test', '--grep', 'refund'], environment({ REHEARSAL_MODE: 'live' }), [
      'Test mode never uses live keys, but the provider secret key (STRIPE_SECRET_KEY), the provider publishable key (STRIPE_PUBLISHABLE_KEY), ' +
        'the referral platform secret key (REFERRAL_SECRET_KEY), the referral platform publishable key (REFERRAL_PUBLISHABLE_KEY), ' +
        "the merchant page's tracking snippet key (script[data-merchant]) are live: set test keys (prefixes sk_test or rk_test, pk_test) or run with --mode live --confirm-live.",
    ]);
  });

  const MIX_LINE =
    'The keys mix modes (live: the provider secret key, the provider publishable key; test: the referral platform secret key, ' +
    "the referral platform publishable key, the merchant page's tracking snippet key): use the keys of one mode throughout.";

  test('mixed keys in live mode', async () => {
    snippetKey = TEST.REFERRAL_PUBLISHABLE_KEY;
    const mixed = { REFERRAL_SECRET_KEY: TEST.REFERRAL_SECRET_KEY, REFERRAL_PUBLISHABLE_KEY: TEST.REFERRAL_PUBLISHABLE_KEY };
    await expectRefusal(LIVE_RUN, environment(mixed), [
      'Live mode needs live keys, but these are not: the referral platform secret key (REFERRAL_SECRET_KEY: a test key), ' +
        'the referral platform publishable key (REFERRAL_PUBLISHABLE_KEY: a test key); set live keys (prefixes sk_live or rk_live, pk_live) or run with --mode test.',
      `The merchant's page ${baseUrl}/ carries a test key in its tracking snippet (script[data-merchant]), not pk_live_…: deploy the live snippet key before rehearsing live.`,
      MIX_LINE,
    ]);
  });

  test('mixed keys in test mode', async () => {
    snippetKey = TEST.REFERRAL_PUBLISHABLE_KEY;
    const mixed = { REFERRAL_SECRET_KEY: TEST.REFERRAL_SECRET_KEY, REFERRAL_PUBLISHABLE_KEY: TEST.REFERRAL_PUBLISHABLE_KEY };
    await expectRefusal(['run', '--grep', 'refund'], environment(mixed), [
      'Test mode never uses live keys, but the provider secret key (STRIPE_SECRET_KEY), the provider publishable key (STRIPE_PUBLISHABLE_KEY) are live: ' +
        'set test keys (prefixes sk_test or rk_test, pk_test) or run with --mode live --confirm-live.',
      MIX_LINE,
    ]);
  });

  test('provider keys of two accounts', async () => {
    await expectRefusal(LIVE_RUN, environment({ STRIPE_PUBLISHABLE_KEY: 'pk_live_otheraccount_51Another0000' }), [
      'The provider secret and publishable keys belong to different accounts (their first 16 characters after the live prefix differ): set both keys of the one account you mean to charge.',
    ]);
  });

  test("a test-mode snippet key on a live merchant's page", async () => {
    snippetKey = TEST.REFERRAL_PUBLISHABLE_KEY;
    await expectRefusal(LIVE_RUN, environment(), [
      `The merchant's page ${baseUrl}/ carries a test key in its tracking snippet (script[data-merchant]), not pk_live_…: deploy the live snippet key before rehearsing live.`,
      'The keys mix modes (live: the provider secret key, the provider publishable key, the referral platform secret key, the referral platform publishable key; ' +
        "test: the merchant page's tracking snippet key): use the keys of one mode throughout.",
    ]);
  });

  test('no cap', async () => {
    await expectRefusal(LIVE_RUN, environment({ REHEARSAL_MAX_AMOUNT: undefined }), [
      'Live mode needs REHEARSAL_MAX_AMOUNT, the most one payment may charge in minor units: set it to at least 2000 (the highest price the flows pay).',
    ]);
  });

  test('a cap below the price', async () => {
    await expectRefusal(LIVE_RUN, environment({ REHEARSAL_MAX_AMOUNT: '1000' }), [
      'REHEARSAL_MAX_AMOUNT=1000 is below what the flows pay (Rehearsal T-shirt 2000 usd, Rehearsal Tenugui 1500 jpy, Rehearsal Club 1500 usd): raise it to at least 2000.',
    ]);
  });

  test('an incomplete live card (never echoing it)', async () => {
    const { stderr } = await rehearse(LIVE_RUN, environment({ REHEARSAL_LIVE_CARD_CVC: undefined, REHEARSAL_LIVE_CARD_EXPIRY: '01/20' }));
    expect(stderr).not.toContain('4111');
    await expectRefusal(LIVE_RUN, environment({ REHEARSAL_LIVE_CARD_CVC: undefined, REHEARSAL_LIVE_CARD_EXPIRY: '01/20' }), [
      'The live card is not usable: REHEARSAL_LIVE_CARD_EXPIRY has passed, REHEARSAL_LIVE_CARD_CVC is not set: set REHEARSAL_LIVE_CARD_NUMBER, ' +
        'REHEARSAL_LIVE_CARD_EXPIRY (MM/YY) and REHEARSAL_LIVE_CARD_CVC (optionally REHEARSAL_LIVE_CARD_NAME, REHEARSAL_LIVE_CARD_POSTAL_CODE) to your own card; live mode pays with no other.',
    ]);
  });

  test('every failed rule at once, one line each', async () => {
    const { code, stderr } = await rehearse(
      ['run', '--mode', 'live'],
      environment({ REHEARSAL_MAX_AMOUNT: undefined, REHEARSAL_LIVE_CARD_NUMBER: undefined, REHEARSAL_CONFIRM_LIVE: undefined }),
    );
    expect(code).toBe(2);
    expect(lines(stderr).map((line) => line.split(' ').slice(0, 4).join(' '))).toEqual([
      'Live mode charges a',
      'Live mode needs REHEARSAL_CONFIRM_LIVE',
      'Live mode needs REHEARSAL_MAX_AMOUNT,',
      'The live card is',
    ]);
  });
});

test.describe('test mode on the embedded sandbox: variables the run does not use', () => {
  test.describe.configure({ mode: 'parallel' });

  test('a live STRIPE_SECRET_KEY is refused though the sandbox would not use it, and the first line says the sandbox is rehearsed', async () => {
    const { stdout } = await expectRefusal(
      ['run', '--grep', 'refund'],
      embeddedSandboxEnvironment({ STRIPE_SECRET_KEY: LIVE.STRIPE_SECRET_KEY }),
      [
        'Test mode refuses any live key in its environment, even one it does not use, but STRIPE_SECRET_KEY (sk_live…) is set: ' +
          'unset it (in the environment and .env) or set a test key; to rehearse with live keys, run with --mode live --confirm-live.',
      ],
    );
    expect(lines(stdout)[0]).toBe(EMBEDDED_SANDBOX_LINE);
    expect(stdout, 'never "no live key anywhere"').not.toContain('no live key anywhere');
    expect(`${stdout}`).not.toContain(LIVE.STRIPE_SECRET_KEY);
  });

  test('an unused test key is named with the REHEARSAL_MERCHANT_URL advice, and the run goes on', async () => {
    const ownReports = await mkdtemp(path.join(tmpdir(), 'rehearse-unused-key-'));
    const env = embeddedSandboxEnvironment({
      STRIPE_SECRET_KEY: TEST.STRIPE_SECRET_KEY,
      REHEARSAL_REPORTS_DIR: ownReports,
      REHEARSAL_STATE_DIR: path.join(ownReports, 'state'),
    });
    const { code, stdout, stderr } = await rehearse(['run', '--list'], env).finally(() => rm(ownReports, { recursive: true, force: true }));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(lines(stdout).slice(0, 4)).toEqual([
      EMBEDDED_SANDBOX_LINE,
      '▸ Checking the configuration… ✓ mode test, target demo',
      '▸ Checking the test mode guard… ✓ no live key anywhere',
      '  ! STRIPE_SECRET_KEY is set but this run rehearses the embedded sandbox, which does not use it: set REHEARSAL_MERCHANT_URL to rehearse your site (or unset STRIPE_SECRET_KEY).',
    ]);
    expect(stdout).toContain('Listing tests:');
  });
});

test.describe('rehearse run: mode flags and a running integration', () => {
  test('--help lists --mode and --confirm-live', async () => {
    const { code, stdout } = await rehearse(['--help'], environment());
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}--mode test\|live +\S/m);
    expect(stdout).toMatch(/^ {2}--confirm-live +\S/m);
  });

  test('an unknown --mode is a usage error', async () => {
    const { code, stdout, stderr } = await rehearse(['run', '--mode', 'prod'], environment());
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(lines(stderr)).toEqual(['--mode needs one of test, live (got "prod"), e.g. --mode live --confirm-live.']);
  });

  test('REHEARSAL_MERCHANT_URL without the keys of the integration names what is missing', async () => {
    const { code, stderr } = await rehearse(LIVE_RUN, environment({ STRIPE_SECRET_KEY: undefined, REFERRAL_API_BASE: undefined }));
    expect(code).toBe(2);
    expect(lines(stderr)).toEqual([
      'REHEARSAL_MERCHANT_URL is set, so the rehearsal connects to a running integration, but STRIPE_SECRET_KEY, REFERRAL_API_BASE are not set: ' +
        'set them (see .env.example), or unset REHEARSAL_MERCHANT_URL to rehearse the embedded sandbox.',
    ]);
  });
});
