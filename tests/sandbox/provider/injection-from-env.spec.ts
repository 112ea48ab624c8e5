import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { InjectionPlanError, injectionPlanFromEnv, startProvider } from '../../../sandbox/provider/index';
import { SANDBOX_NODE_ARGS } from '../../support/sandboxCommand';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

test('SANDBOX_INJECTION: unset or blank is no plan; JSON is checked like the route checks it', () => {
  expect(injectionPlanFromEnv({})).toBeNull();
  expect(injectionPlanFromEnv({ SANDBOX_INJECTION: '  ' })).toBeNull();
  expect(
    injectionPlanFromEnv({
      SANDBOX_INJECTION: '{"api":{"rate":0.1,"kinds":["500","429","409","drop"],"appName":"dress-rehearsal","seed":7}}',
    }),
  ).toEqual({
    api: { rate: 0.1, kinds: ['500', '429', '409', 'drop'], appName: 'dress-rehearsal', seed: 7 },
  });
  expect(() => injectionPlanFromEnv({ SANDBOX_INJECTION: '{api:' })).toThrow(InjectionPlanError);
  expect(() => injectionPlanFromEnv({ SANDBOX_INJECTION: '{api:' })).toThrow(/^SANDBOX_INJECTION is not valid JSON/);
  expect(() => injectionPlanFromEnv({ SANDBOX_INJECTION: '{"api":{"rate":5,"kinds":["500"]}}' })).toThrow(
    'SANDBOX_INJECTION is not a valid injection plan: Invalid api.rate: must be a number from 0 to 1.',
  );
});

test('a plan given at start is in force from the first request', async () => {
  const provider = await startProvider({ port: 0, injection: { webhooks: { failFirst: 1 } } });
  try {
    const res = await fetch(`${provider.url}/_sandbox/fault_injection`, { headers: { authorization: `Bearer ${provider.secretKey}` } });
    expect(await res.json()).toEqual({ plan: { webhooks: { failFirst: 1 } }, injected: [] });
  } finally {
    await provider.close();
  }
});

test('npm run sandbox refuses an invalid SANDBOX_INJECTION before starting anything (exit 2, names the variable)', async () => {
  const failure = await promisify(execFile)(process.execPath, [...SANDBOX_NODE_ARGS, '--json'], {
    cwd: REPO_ROOT,
    env: { ...process.env, SANDBOX_INJECTION: '{not json', SANDBOX_PROVIDER_PORT: '0', SANDBOX_REFERRAL_PORT: '0', SANDBOX_SHOP_PORT: '0' },
    timeout: 60_000,
  }).then(
    () => undefined,
    (error: { code?: number; stdout?: string; stderr?: string }) => error,
  );
  expect(failure?.code).toBe(2);
  expect(failure?.stdout).toBe('');
  expect(failure?.stderr).toMatch(/^sandbox: SANDBOX_INJECTION is not valid JSON/);
});
