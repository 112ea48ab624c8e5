import { test, expect } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../../../../src/base/configError';
import { SINK_RELAY_VARIABLES } from '../../../../src/run/webhooks/sinkRelay';
import startRunSinkRelay from '../../../../src/run/webhooks/sinkRelaySetup';

const NAMES = ['REHEARSAL_SINK_URL', 'REHEARSAL_SINK_PORT', SINK_RELAY_VARIABLES.url, SINK_RELAY_VARIABLES.token] as const;
let saved: Record<string, string | undefined>;

test.beforeEach(() => {
  // This very run's globalSetup may have set some of them: put them aside.
  saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));
  for (const name of NAMES) delete process.env[name];
});

test.afterEach(() => {
  for (const name of NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

/** Listens on a free loopback port; close() frees it. */
async function occupyPort(): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((_request, response) => response.end('someone else'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test('without REHEARSAL_SINK_URL it starts nothing and hands the workers nothing', async () => {
  process.env.REHEARSAL_SINK_PORT = '4480';
  expect(await startRunSinkRelay()).toBeUndefined();
  expect(process.env[SINK_RELAY_VARIABLES.url]).toBeUndefined();
  expect(process.env[SINK_RELAY_VARIABLES.token]).toBeUndefined();
});

test('keeps the relay a caller already runs', async () => {
  process.env.REHEARSAL_SINK_URL = 'https://abc.trycloudflare.com';
  process.env[SINK_RELAY_VARIABLES.url] = 'http://127.0.0.1:9';
  expect(await startRunSinkRelay()).toBeUndefined();
  expect(process.env[SINK_RELAY_VARIABLES.url]).toBe('http://127.0.0.1:9');
});

test('with REHEARSAL_SINK_URL it starts the relay on REHEARSAL_SINK_PORT, hands the workers its address and token, and its teardown stops it', async () => {
  const free = await occupyPort();
  await free.close();
  process.env.REHEARSAL_SINK_URL = 'https://abc.trycloudflare.com';
  process.env.REHEARSAL_SINK_PORT = String(free.port);
  const teardown = await startRunSinkRelay();
  expect(teardown).toBeInstanceOf(Function);
  const url = process.env[SINK_RELAY_VARIABLES.url];
  const token = process.env[SINK_RELAY_VARIABLES.token];
  expect(url).toBe(`http://127.0.0.1:${free.port}`);
  expect(token).toMatch(/^[0-9a-f]{48}$/);
  // The token handed over is the one the relay takes registrations with.
  const registered = await fetch(`${url}/_relay/probe-1`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}` },
    body: 'http://127.0.0.1:1/webhooks',
  });
  expect(registered.status).toBe(204);
  await teardown!();
  expect(process.env[SINK_RELAY_VARIABLES.url]).toBeUndefined();
  expect(process.env[SINK_RELAY_VARIABLES.token]).toBeUndefined();
  await expect(fetch(`${url}/probe-1/webhooks`, { method: 'POST', body: '{}' })).rejects.toThrow();
});

test('a REHEARSAL_SINK_PORT already in use is a one-line ConfigError naming it and what to do', async () => {
  const taken = await occupyPort();
  try {
    process.env.REHEARSAL_SINK_URL = 'https://abc.trycloudflare.com';
    process.env.REHEARSAL_SINK_PORT = String(taken.port);
    const error = await startRunSinkRelay().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      `REHEARSAL_SINK_PORT ${taken.port} is in use on this machine: stop what listens there, or set REHEARSAL_SINK_PORT to a free port and point your tunnel at it.`,
    );
    expect(process.env[SINK_RELAY_VARIABLES.url]).toBeUndefined();
  } finally {
    await taken.close();
  }
});

test('a REHEARSAL_SINK_URL that is not a plain http(s) URL stops the run with a ConfigError before anything starts', async () => {
  process.env.REHEARSAL_SINK_URL = 'ftp://abc.trycloudflare.com';
  await expect(startRunSinkRelay()).rejects.toBeInstanceOf(ConfigError);
  expect(process.env[SINK_RELAY_VARIABLES.url]).toBeUndefined();
});
