import { test, expect } from '@playwright/test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../../../../src/base/configError';
import { loadConfigFile } from '../../../../src/model/config/loadConfigFile';
import { loadRehearsal } from '../../../../src/model/config/loadRehearsal';

const DEFINE_CONFIG = pathToFileURL(path.resolve('src/model/config/defineConfig.ts')).href;

let dir: string;
let written = 0;

test.beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rehearsal-config-file-'));
  // As in the repository (package.json "type": "module"): a .ts file is an ES module.
  await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }\n');
});

test.afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A rehearsal.config.ts with this body, in its own folder (an imported module is cached by its path). */
async function configFile(body: string): Promise<string> {
  written += 1;
  const folder = path.join(dir, `config-${written}`);
  const file = path.join(folder, 'rehearsal.config.ts');
  await mkdir(folder, { recursive: true });
  await writeFile(file, body, 'utf8');
  return file;
}

async function loadError(file: string): Promise<Error> {
  const error = await loadConfigFile(file).then(
    () => undefined,
    (caught: unknown) => caught as Error,
  );
  expect(error, 'loading fails').toBeInstanceOf(ConfigError);
  expect(error!.message.split('\n')).toHaveLength(1);
  return error!;
}

test('uses the built-in defaults when there is no rehearsal.config.ts', async () => {
  const config = await loadRehearsal({}, { envFile: false, configFile: path.join(dir, 'rehearsal.config.ts') });
  expect(config).toEqual({ mode: 'test', targetName: 'demo', eventTimeoutMs: 15_000, checklistSkip: [], amountCap: {} });
});

test('reads every field of a defineConfig file', async () => {
  const file = await configFile(`
    import { defineConfig } from '${DEFINE_CONFIG}';
    const platform = (access: { apiBase: string }) => ({ apiBase: access.apiBase });
    export default defineConfig({
      target: 'my-shop',
      urls: { merchant: 'https://shop.example/', providerApi: 'http://127.0.0.1:12111', referralApi: 'https://api.referral.example' },
      referral: { platform: platform as never },
      checklist: { skip: ['payout-account-verified', 'webhook-endpoints-https'] },
      amountCap: { usd: 5000, JPY: 3000 },
      eventTimeoutMs: 20_000,
    });
  `);
  const env: NodeJS.ProcessEnv = {};
  const config = await loadRehearsal(env, { envFile: false, configFile: file });
  expect(config).toMatchObject({
    targetName: 'my-shop',
    eventTimeoutMs: 20_000,
    checklistSkip: ['payout-account-verified', 'webhook-endpoints-https'],
    amountCap: { usd: 5000, jpy: 3000 },
    configFile: file,
  });
  const platform = config.referralPlatform;
  expect(typeof platform).toBe('function');
  expect(typeof platform === 'function' && platform({ apiBase: 'https://r.example', secretKey: 'k', publishableKey: 'p' })).toEqual({
    apiBase: 'https://r.example',
  });
  expect(env).toEqual({
    REHEARSAL_MERCHANT_URL: 'https://shop.example',
    REHEARSAL_PROVIDER_API_BASE: 'http://127.0.0.1:12111',
    REFERRAL_API_BASE: 'https://api.referral.example',
  });
});

test('the environment wins over the file, and the file over the defaults', async () => {
  const file = await configFile(
    `export default { target: 'my-shop', eventTimeoutMs: 20000, urls: { merchant: 'https://from-file.example' } };`,
  );
  const env: NodeJS.ProcessEnv = {
    REHEARSAL_TARGET: 'from-env',
    REHEARSAL_EVENT_TIMEOUT_MS: '9000',
    REHEARSAL_MERCHANT_URL: 'https://from-env.example',
  };
  const config = await loadRehearsal(env, { envFile: false, configFile: file });
  expect(config.targetName).toBe('from-env');
  expect(config.eventTimeoutMs).toBe(9000);
  expect(env.REHEARSAL_MERCHANT_URL).toBe('https://from-env.example');

  const fromFile = await loadRehearsal({}, { envFile: false, configFile: file });
  expect(fromFile).toMatchObject({ targetName: 'my-shop', eventTimeoutMs: 20_000 });
});

test('the settle window: the environment wins over the file; a bad value is one line naming the variable', async () => {
  const file = await configFile(`export default { settleWindowMs: 800 };`);
  expect((await loadRehearsal({}, { envFile: false, configFile: file })).settleWindowMs).toBe(800);
  expect((await loadRehearsal({ REHEARSAL_SETTLE_WINDOW_MS: '300' }, { envFile: false, configFile: file })).settleWindowMs).toBe(300);
  expect((await loadRehearsal({}, { envFile: false, configFile: await configFile('export default {};') })).settleWindowMs).toBeUndefined();
  await expect(loadRehearsal({ REHEARSAL_SETTLE_WINDOW_MS: 'soon' }, { envFile: false, configFile: file })).rejects.toThrow(
    /^REHEARSAL_SETTLE_WINDOW_MS="soon" is not a positive whole number of milliseconds/,
  );
});

test('a .env file wins over rehearsal.config.ts too', async () => {
  const file = await configFile(`export default { target: 'my-shop' };`);
  const envFile = path.join(dir, '.env');
  await writeFile(envFile, 'REHEARSAL_TARGET=from-dotenv\n');
  expect((await loadRehearsal({}, { envFile, configFile: file })).targetName).toBe('from-dotenv');
});

test('rejects a value that looks like a key, naming where but never the value', async () => {
  for (const [body, where, prefix] of [
    [`export default { urls: { merchant: 'https://shop.example/?key=sk_test_51Secret' } };`, 'urls.merchant', 'sk'],
    [`export default { target: 'rk_live_abc' };`, 'target', 'rk'],
    [`export default { checklist: { skip: ['pk_test_123'] } };`, 'checklist.skip[0]', 'pk'],
    [`export default { referral: { secret: 'whsec_abcdef' } };`, 'referral.secret', 'whsec'],
  ] as const) {
    const error = await loadError(await configFile(body));
    expect(error.message).toBe(
      `rehearsal.config.ts: ${where} looks like a key (${prefix}_…): keys and secrets belong in .env, not rehearsal.config.ts.`,
    );
  }
});

test('rejects an unknown checklist item, listing the close ones', async () => {
  const error = await loadError(await configFile(`export default { checklist: { skip: ['payout-acount-verified'] } };`));
  expect(error.message).toBe(
    'rehearsal.config.ts: checklist.skip has "payout-acount-verified", which is not a checklist item (did you mean payout-account-verified?); the ids are in src/model/checklist/catalogue.ts.',
  );
  const unlike = await loadError(await configFile(`export default { checklist: { skip: ['zzz'] } };`));
  expect(unlike.message).toContain('"zzz", which is not a checklist item (no item has a similar id)');
});

test('rejects wrong values in one line each, saying what to write', async () => {
  const cases: Array<[string, RegExp]> = [
    [
      `export default { amountCap: { usd: 50.5 } };`,
      /^rehearsal\.config\.ts: amountCap\.usd must be a positive whole number of minor units, e\.g\. 5000 .*not 50\.5\.$/,
    ],
    [`export default { amountCap: { dollars: 5000 } };`, /amountCap has "dollars", which is not a currency code/],
    [`export default { amountCap: 5000 };`, /amountCap must be an object, e\.g\. \{ usd: 5000, jpy: 5000 \}, not 5000\./],
    [`export default { eventTimeoutMs: -1 };`, /eventTimeoutMs must be a positive whole number of milliseconds/],
    [`export default { target: 'My Shop' };`, /target must name a directory of targets\/ .*not "My Shop"\./],
    [`export default { urls: { merchant: 'shop.example' } };`, /urls\.merchant must be an http\(s\) URL/],
    [
      `export default { urls: { shop: 'https://shop.example' } };`,
      /unknown setting "urls\.shop" \(urls takes merchant, providerApi, referralApi\)/,
    ],
    [
      `export default { referral: { platform: 'partnero' } };`,
      /^rehearsal\.config\.ts: referral\.platform is "partnero", which is not a referral platform Dress Rehearsal knows: use dress-rehearsal, rewardful or dub, or a function/,
    ],
    [
      `export default { referral: { platform: 42 } };`,
      /referral\.platform must be a platform's name \('rewardful', 'dub', 'dress-rehearsal'\) or a function/,
    ],
    [
      `export default { targets: 'demo' };`,
      /unknown setting "targets" \(the settings are target, urls, referral, checklist, amountCap, eventTimeoutMs, settleWindowMs\)/,
    ],
    [`export default [];`, /its default export is not a config object/],
  ];
  for (const [body, expected] of cases) expect((await loadError(await configFile(body))).message).toMatch(expected);
});

test('a referral platform by name: rehearsal.config.ts names it, REFERRAL_PLATFORM wins, a wrong name is one line (exit 2)', async () => {
  const file = await configFile(`export default { referral: { platform: 'rewardful' } };`);
  expect((await loadRehearsal({}, { envFile: false, configFile: file })).referralPlatform).toBe('rewardful');
  expect((await loadRehearsal({ REFERRAL_PLATFORM: ' Dub ' }, { envFile: false, configFile: file })).referralPlatform).toBe('dub');
  const wrong = (await loadRehearsal({ REFERRAL_PLATFORM: 'tapfiliate' }, { envFile: false, configFile: file }).then(
    () => undefined,
    (caught: unknown) => caught,
  )) as ConfigError;
  expect(wrong).toBeInstanceOf(ConfigError);
  expect(wrong.message).toBe(
    'REFERRAL_PLATFORM is "tapfiliate", which is not a referral platform Dress Rehearsal knows: use dress-rehearsal, rewardful or dub, or a function (access) => ReferralPlatform of your own adapter (docs/referral-adapter.md).',
  );
  expect(wrong.exitCode).toBe(2);
});

test('a file that does not load, or exports nothing, is a ConfigError naming it', async () => {
  const syntax = await loadError(await configFile(`export default { target: 'demo' ;`));
  expect(syntax.message).toMatch(/^rehearsal\.config\.ts could not be loaded \(.+\): fix it, or remove it to use the defaults\.$/);
  const missingImport = await loadError(await configFile(`import { nothing } from './no-such-file';\nexport default { target: nothing };`));
  expect(missingImport.message).toMatch(/^rehearsal\.config\.ts could not be loaded \(/);
  const noDefault = await loadError(await configFile(`export const config = { target: 'demo' };`));
  expect(noDefault.message).toBe(
    'rehearsal.config.ts has no default export: write `export default defineConfig({ ... })` (see src/model/config/defineConfig.ts).',
  );
});

test("the repository's own rehearsal.config.ts loads and keeps the demo's defaults", async () => {
  const config = await loadRehearsal({}, { envFile: false });
  expect(config).toMatchObject({ targetName: 'demo', eventTimeoutMs: 15_000, checklistSkip: [], amountCap: {} });
  expect(config.configFile).toBe(path.resolve('rehearsal.config.ts'));
});
