import { test, expect } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadRehearsalConfig } from '../../../../src/model/config/rehearsalConfig';

test('uses the defaults when nothing is set', () => {
  expect(loadRehearsalConfig({}, { envFile: false })).toEqual({ mode: 'test', targetName: 'demo', eventTimeoutMs: 15_000 });
});

test('reads every setting', () => {
  const config = loadRehearsalConfig(
    { REHEARSAL_MODE: 'test', REHEARSAL_TARGET: 'staging', REHEARSAL_EVENT_TIMEOUT_MS: '30000', REHEARSAL_PARTNER: 'bob' },
    { envFile: false },
  );
  expect(config).toEqual({ mode: 'test', targetName: 'staging', eventTimeoutMs: 30_000, partnerKey: 'bob' });
});

test('reads live mode (the live guard, src/guards/liveMode, decides whether it may run)', () => {
  expect(loadRehearsalConfig({ REHEARSAL_MODE: 'live' }, { envFile: false }).mode).toBe('live');
  expect(loadRehearsalConfig({ REHEARSAL_MODE: ' LIVE ' }, { envFile: false }).mode).toBe('live');
});

test('never takes the live confirmation flag from .env (it is typed per run)', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'rehearsal-config-'));
  try {
    const envFile = path.join(dir, '.env');
    await writeFile(envFile, 'REHEARSAL_CONFIRM_LIVE_FLAG=1\nREHEARSAL_CONFIRM_LIVE=shop.example\n');
    const env: NodeJS.ProcessEnv = {};
    loadRehearsalConfig(env, { envFile });
    expect(env).toEqual({ REHEARSAL_CONFIRM_LIVE: 'shop.example' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('rejects an unknown mode naming the allowed values', () => {
  expect(() => loadRehearsalConfig({ REHEARSAL_MODE: 'prod' }, { envFile: false })).toThrow(/REHEARSAL_MODE="prod".*one of test/);
});

test('rejects a bad timeout', () => {
  for (const bad of ['0', '-5', 'soon', '1.5', '15s']) {
    let error: unknown;
    try {
      loadRehearsalConfig({ REHEARSAL_EVENT_TIMEOUT_MS: bad }, { envFile: false });
    } catch (e) {
      error = e;
    }
    expect(error, `timeout "${bad}"`).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('REHEARSAL_EVENT_TIMEOUT_MS');
    expect((error as Error).message).not.toContain('\n');
  }
});

test('reads .env without overriding variables already set', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'rehearsal-config-'));
  try {
    const envFile = path.join(dir, '.env');
    await writeFile(envFile, 'REHEARSAL_TARGET=from-file\nREHEARSAL_EVENT_TIMEOUT_MS=9000\n');
    const env: NodeJS.ProcessEnv = { REHEARSAL_TARGET: 'from-shell' };
    const config = loadRehearsalConfig(env, { envFile });
    expect(config.targetName).toBe('from-shell');
    expect(config.eventTimeoutMs).toBe(9000);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a missing .env file is not an error', () => {
  expect(loadRehearsalConfig({}, { envFile: path.join(tmpdir(), 'no-such-dir-xyz', '.env') }).targetName).toBe('demo');
});
