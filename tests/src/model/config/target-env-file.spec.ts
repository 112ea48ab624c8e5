import { test, expect } from '@playwright/test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../../../src/base/configError';
import { loadRehearsal } from '../../../../src/model/config/loadRehearsal';

/*
 * One environment file per target: targets/<name>/.env is read when that target is chosen. The environment wins,
 * then the target's own file, then the project's .env; the target is never chosen by its own file.
 */

let dir: string;
let projectEnvFile: string;
let targetsDir: string;
let configs = 0;

test.beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'target-env-file-'));
  await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  projectEnvFile = path.join(dir, '.env');
  targetsDir = path.join(dir, 'targets');
});

test.afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function targetEnvFile(name: string, text: string): Promise<string> {
  const file = path.join(targetsDir, name, '.env');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  return file;
}

/** A rehearsal.config.ts with this body, in its own folder (an imported module is cached by its path); none: no file. */
async function configFile(body?: string): Promise<string> {
  configs += 1;
  const file = path.join(dir, `config-${configs}`, 'rehearsal.config.ts');
  if (body === undefined) return file;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, body);
  return file;
}

async function load(env: NodeJS.ProcessEnv, options: { config?: string; targetName?: string } = {}) {
  return loadRehearsal(env, {
    envFile: projectEnvFile,
    targetsDir,
    configFile: await configFile(options.config),
    ...(options.targetName !== undefined ? { targetName: options.targetName } : {}),
  });
}

test("the chosen target's own .env wins over the project's .env, and the environment over both", async () => {
  await writeFile(
    projectEnvFile,
    'REHEARSAL_TARGET=acme\nSTRIPE_SECRET_KEY=sk_test_from_project_file\nREFERRAL_API_BASE=http://127.0.0.1:4100\nREHEARSAL_EVENT_TIMEOUT_MS=7000\n',
  );
  const own = await targetEnvFile(
    'acme',
    'STRIPE_SECRET_KEY=sk_test_from_target_file\nREHEARSAL_MERCHANT_URL=http://127.0.0.1:3000\nREHEARSAL_EVENT_TIMEOUT_MS=9000\n',
  );
  const env: NodeJS.ProcessEnv = { REHEARSAL_EVENT_TIMEOUT_MS: '11000' };

  const config = await load(env);

  expect(config.targetName).toBe('acme');
  expect(config.targetEnvFile).toBe(own);
  expect(env.STRIPE_SECRET_KEY, "the target's file wins over the project's").toBe('sk_test_from_target_file');
  expect(env.REHEARSAL_MERCHANT_URL, "only in the target's file").toBe('http://127.0.0.1:3000');
  expect(env.REFERRAL_API_BASE, "only in the project's file").toBe('http://127.0.0.1:4100');
  expect(config.eventTimeoutMs, 'the environment wins over both files').toBe(11_000);
});

test("switching targets switches files: another target's .env is not read", async () => {
  await targetEnvFile('acme', 'STRIPE_SECRET_KEY=sk_test_acme_0000\n');
  await targetEnvFile('globex', 'STRIPE_SECRET_KEY=sk_test_globex_0000\n');

  const acme: NodeJS.ProcessEnv = { REHEARSAL_TARGET: 'acme' };
  await load(acme);
  const globex: NodeJS.ProcessEnv = { REHEARSAL_TARGET: 'globex' };
  await load(globex);

  expect(acme.STRIPE_SECRET_KEY).toBe('sk_test_acme_0000');
  expect(globex.STRIPE_SECRET_KEY).toBe('sk_test_globex_0000');
});

test('the target chosen in rehearsal.config.ts, or by the caller (a Playwright project), has its own file read', async () => {
  await targetEnvFile('acme', 'STRIPE_SECRET_KEY=sk_test_acme_0000\n');
  await targetEnvFile('globex', 'STRIPE_SECRET_KEY=sk_test_globex_0000\n');

  const fromConfig: NodeJS.ProcessEnv = {};
  expect((await load(fromConfig, { config: `export default { target: 'acme' };` })).targetName).toBe('acme');
  expect(fromConfig.STRIPE_SECRET_KEY).toBe('sk_test_acme_0000');

  const fromProject: NodeJS.ProcessEnv = { REHEARSAL_TARGET: 'acme' };
  expect((await load(fromProject, { targetName: 'globex' })).targetName).toBe('globex');
  expect(fromProject.STRIPE_SECRET_KEY).toBe('sk_test_globex_0000');
});

test("the target's own file never chooses the target: naming another one is one line saying what to do", async () => {
  await writeFile(projectEnvFile, 'REHEARSAL_TARGET=acme\n');
  await targetEnvFile('acme', 'REHEARSAL_TARGET=globex\nSTRIPE_SECRET_KEY=sk_test_acme_0000\n');
  await targetEnvFile('globex', 'STRIPE_SECRET_KEY=sk_test_globex_0000\n');

  const error = await load({}).then(
    () => undefined,
    (caught: unknown) => caught as Error,
  );

  expect(error).toBeInstanceOf(ConfigError);
  expect(error!.message.split('\n')).toHaveLength(1);
  expect(error!.message).toMatch(
    /targets\/acme\/\.env sets REHEARSAL_TARGET=globex, but the target is acme and its own file cannot choose another: remove the line/,
  );
});

test("a target's own file naming itself is harmless, and a file with no target behind it chooses nothing", async () => {
  await targetEnvFile('acme', 'REHEARSAL_TARGET=acme\nSTRIPE_SECRET_KEY=sk_test_acme_0000\n');
  const env: NodeJS.ProcessEnv = { REHEARSAL_TARGET: 'acme' };
  expect((await load(env)).targetName).toBe('acme');
  expect(env.STRIPE_SECRET_KEY).toBe('sk_test_acme_0000');

  // With no REHEARSAL_TARGET anywhere the default target is chosen: acme's file is not read, whatever it says.
  const unchosen: NodeJS.ProcessEnv = {};
  const config = await load(unchosen);
  expect(config.targetName).toBe('demo');
  expect(config.targetEnvFile).toBeUndefined();
  expect(unchosen.STRIPE_SECRET_KEY).toBeUndefined();
});

test('an unknown target has no file to read: the name is kept for loadTarget to refuse', async () => {
  const env: NodeJS.ProcessEnv = { REHEARSAL_TARGET: 'no-such-target' };
  const config = await load(env);
  expect(config.targetName).toBe('no-such-target');
  expect(config.targetEnvFile).toBeUndefined();
  expect((await load({ REHEARSAL_TARGET: 'Not A Name' })).targetEnvFile).toBeUndefined();
});

test("REHEARSAL_CONFIRM_LIVE_FLAG is never taken from a target's file", async () => {
  await targetEnvFile('acme', 'REHEARSAL_CONFIRM_LIVE_FLAG=1\nREHEARSAL_MODE=live\n');
  const env: NodeJS.ProcessEnv = { REHEARSAL_TARGET: 'acme' };
  await load(env);
  expect(env.REHEARSAL_MODE).toBe('live');
  expect(env.REHEARSAL_CONFIRM_LIVE_FLAG).toBeUndefined();
});
