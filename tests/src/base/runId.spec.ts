import { test, expect } from '@playwright/test';
import { newRunId, runEmail } from '../../../src/base/runId';

test('a run id carries the UTC time and a random suffix', () => {
  const id = newRunId(new Date('2026-11-23T17:45:12.345Z'));
  expect(id).toMatch(/^rh-20261123-174512-[0-9a-f]{6}$/);
  expect(newRunId()).not.toBe(newRunId());
});

test('a run email ties the customer to the run', () => {
  expect(runEmail('rh-20261123-174512-a1b2c3')).toBe('rehearsal+rh-20261123-174512-a1b2c3@example.com');
  expect(runEmail('rh-1', 'shop.test')).toBe('rehearsal+rh-1@shop.test');
});
