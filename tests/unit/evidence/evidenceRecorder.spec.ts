import { test, expect } from '@playwright/test';
import { EvidenceRecorder } from '../../../src/evidence/evidenceRecorder';

const ALLURE_MESSAGE = 'application/vnd.allure.message+json';

test('attaches JSON only after redaction', async ({}, testInfo) => {
  const recorder = new EvidenceRecorder(testInfo);
  await recorder.attachJson('provider environment', { apiBase: 'http://127.0.0.1:1', secretKey: 'sk_test_x', publishableKey: 'pk_test_y' });
  const attachment = testInfo.attachments.find((a) => a.name === 'provider environment');
  expect(attachment?.contentType).toBe('application/json');
  const text = attachment?.body?.toString('utf8') ?? '';
  expect(JSON.parse(text)).toEqual({ apiBase: 'http://127.0.0.1:1', secretKey: '[redacted]', publishableKey: 'pk_test_y' });
  expect(text).not.toContain('sk_test_x');
});

test('runs a step and returns its value', async ({}, testInfo) => {
  const recorder = new EvidenceRecorder(testInfo);
  const value = await recorder.step('Read the commission', async () => 'cm_1');
  expect(value).toBe('cm_1');
});

test('labels the result for Allure', async ({}, testInfo) => {
  const recorder = new EvidenceRecorder(testInfo);
  await recorder.labels({
    flow: 'refund reverses commission',
    severity: 'critical',
    mode: 'test',
    runId: 'rh-20261123-174512-a1b2c3',
    apiVersion: '2026-10-28.endive',
    target: 'demo',
  });
  const messages = testInfo.attachments
    .filter((a) => a.contentType === ALLURE_MESSAGE)
    .map((a) => a.body?.toString('utf8') ?? '')
    .join('\n');
  for (const expected of ['refund reverses commission', 'critical', 'rh-20261123-174512-a1b2c3', '2026-10-28.endive', 'demo']) {
    expect(messages).toContain(expected);
  }
});

test('attaches a masked screenshot as jpeg', async ({ page }, testInfo) => {
  const recorder = new EvidenceRecorder(testInfo);
  await page.setContent('<input name="cardNumber" value="4242 4242 4242 4242"><p>Pay</p>');
  await recorder.attachScreenshot(page, 'payment page', { mask: [page.locator('input[name=cardNumber]')] });
  const attachment = testInfo.attachments.find((a) => a.name === 'payment page');
  expect(attachment?.contentType).toBe('image/jpeg');
  expect([...(attachment?.body?.subarray(0, 3) ?? [])]).toEqual([0xff, 0xd8, 0xff]); // JPEG's start-of-image marker
});
