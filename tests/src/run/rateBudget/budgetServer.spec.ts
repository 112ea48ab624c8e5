import { expect, test } from '@playwright/test';
import { networkInterfaces } from 'node:os';
import { BudgetServer, parseBudgetRequest } from '../../../../src/run/rateBudget/budgetServer';
import { takeFromBudgetServer } from '../../../../src/run/rateBudget/budgetServerClient';

test('listens on 127.0.0.1 only', async () => {
  const server = new BudgetServer();
  const url = await server.start();
  try {
    const { hostname, port } = new URL(url);
    expect(hostname).toBe('127.0.0.1');
    expect(await takeFromBudgetServer(url, { id: 'provider:provider:abc', budget: 1, windowMs: 1_000 })).toMatchObject({ waitedMs: 0 });
    // The same port on any other address of this machine (IPv6 loopback, the network's) is not the server.
    const others = [
      '[::1]',
      ...Object.values(networkInterfaces())
        .flat()
        .filter((address) => address && !address.internal && address.family === 'IPv4')
        .map((address) => address!.address),
    ];
    for (const host of others) {
      await expect(fetch(`http://${host}:${port}/take`, { method: 'POST', body: '{}' }), host).rejects.toThrow();
    }
  } finally {
    await server.stop();
  }
});

test('stops at once, ending a request that waits for a slot', async () => {
  const server = new BudgetServer();
  const url = await server.start();
  const request = { id: 'referralGeneral:referralGeneral:abc', budget: 1, windowMs: 60_000 };
  await takeFromBudgetServer(url, request);
  const waiting = takeFromBudgetServer(url, request).then(
    () => 'got a slot',
    () => 'ended',
  );
  await expect.poll(() => server.waiting).toBe(1);
  const stopping = Date.now();
  await server.stop();
  expect(await waiting).toBe('ended');
  // The slot was a minute away.
  expect(Date.now() - stopping).toBeLessThan(5_000);
  await expect(fetch(`${url}/take`, { method: 'POST', body: JSON.stringify(request) })).rejects.toThrow();
});

test('answers 400 to a request without an id, budget and window, and 404 elsewhere', async () => {
  const server = new BudgetServer();
  const url = await server.start();
  try {
    const bad = await fetch(`${url}/take`, {
      method: 'POST',
      body: JSON.stringify({ id: 'provider:provider:abc', budget: 0, windowMs: 1_000 }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()) as unknown).toEqual({ error: '"budget" must be a number of at least 1.' });
    expect((await fetch(`${url}/other`)).status).toBe(404);
  } finally {
    await server.stop();
  }
  expect(() => parseBudgetRequest('not json')).toThrow(/must be JSON/);
  expect(() => parseBudgetRequest('{"budget":1,"windowMs":1000}')).toThrow(/"id"/);
  expect(() => parseBudgetRequest('{"id":"x","budget":1,"windowMs":0}')).toThrow(/"windowMs"/);
});
