import { test, expect } from '@playwright/test';
import { EvidenceRecorder } from '../../../../src/run/evidence/evidenceRecorder';

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

/** A checkout session paid by a named card holder, as the provider returns it. */
const PAID_SESSION = {
  id: 'cs_1',
  object: 'checkout.session',
  customer_details: {
    name: 'Jane Holder',
    email: 'rehearsal+rh-1@example.com',
    address: { line1: '1 Market St', postal_code: '94107', country: 'US' },
  },
};

function attached(testInfo: { attachments: Array<{ name: string; body?: Buffer }> }, name: string): unknown {
  return JSON.parse(testInfo.attachments.find((a) => a.name === name)?.body?.toString('utf8') ?? 'null');
}

const LABELS = { flow: 'purchase', severity: 'critical', runId: 'rh-1', apiVersion: '2026-10-28.endive', target: 'demo' } as const;

test("in live mode, attachments mask the card holder's name and address", async ({}, testInfo) => {
  const recorder = new EvidenceRecorder(testInfo);
  await recorder.labels({ ...LABELS, mode: 'live' });
  await recorder.attachJson('checkout session', PAID_SESSION);
  expect(attached(testInfo, 'checkout session')).toEqual({
    ...PAID_SESSION,
    customer_details: { name: '[redacted]', email: 'rehearsal+rh-1@example.com', address: '[redacted]' },
  });
});

test("in test mode, attachments keep the run customer's name and address", async ({}, testInfo) => {
  const recorder = new EvidenceRecorder(testInfo);
  await recorder.labels({ ...LABELS, mode: 'test' });
  await recorder.attachJson('checkout session', PAID_SESSION);
  expect(attached(testInfo, 'checkout session')).toEqual(PAID_SESSION);
});

test('a recorder that was given no labels (the cleanup evidence) takes the mode from REHEARSAL_MODE', async ({}, testInfo) => {
  const before = process.env.REHEARSAL_MODE;
  process.env.REHEARSAL_MODE = 'live';
  try {
    await new EvidenceRecorder(testInfo).attachJson('checkout session', PAID_SESSION);
  } finally {
    if (before === undefined) delete process.env.REHEARSAL_MODE;
    else process.env.REHEARSAL_MODE = before;
  }
  expect(JSON.stringify(attached(testInfo, 'checkout session'))).not.toMatch(/Jane|Market|94107/);
});
