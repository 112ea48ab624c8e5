import { test, expect } from '@playwright/test';
import { cp, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHECKLIST } from '../../../../src/model/checklist/catalogue';
import { scanForLeaks } from '../../../../src/guards/leakScan';
import { buildSignoff, type BuiltSignoff } from '../../../../src/reporting/signoff/buildSignoff';
import type { Manifest } from '../../../../src/reporting/signoff/manifest';
import type { SignoffDocument } from '../../../../src/reporting/signoff/signoffDocument';
import { verifyManifest } from '../../../../src/reporting/signoff/verifyManifest';
import { LEAKED_KEY, purchaseFlow, RUN_ID, skippedDeclinesFlow, writeSyntheticRun } from './syntheticRun';

const STARTED = new Date('2026-11-23T17:45:00Z');
const ENDED = new Date('2026-11-23T17:47:30Z');
const SCREENSHOT = 'evidence/screenshots/rh-20261123-174512-a1b2c3-w0-1-01-order-paid.png';

let root: string;
let runDir: string;
let built: BuiltSignoff;

test.beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'signoff-'));
  runDir = path.join(root, RUN_ID);
  await writeSyntheticRun(runDir);
  const allure = path.join(root, 'rehearsal-report.html');
  await writeFile(allure, '<!doctype html><title>Allure</title>');
  built = await buildSignoff({
    runDir,
    runId: RUN_ID,
    mode: 'test',
    target: 'demo',
    operator: 'Ada Operator',
    gitCommit: '0123456789abcdef0123456789abcdef01234567',
    startedAt: STARTED,
    endedAt: ENDED,
    allureReportPath: allure,
    logPath: path.join(root, 'no-such.log'),
  });
});

test.afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

test('writes signoff.json, .html and .pdf, then manifest.json over every other file', async () => {
  expect(built.pdfError).toBeUndefined();
  const manifest = JSON.parse(await readFile(path.join(runDir, 'manifest.json'), 'utf8')) as Manifest;
  expect(manifest).toMatchObject({ runId: RUN_ID, algorithm: 'sha256' });
  expect(manifest.files.map((file) => file.path)).toEqual([
    'allure-report.html',
    'evidence/flows/declines--rh-20261123-174512-a1b2c3-w1-1.json',
    'evidence/flows/referral-purchase-refund--rh-20261123-174512-a1b2c3-w0-1.json',
    'evidence/preflight.json',
    SCREENSHOT,
    'signoff.html',
    'signoff.json',
    'signoff.pdf',
  ]);
  expect(manifest.files.every((file) => /^[0-9a-f]{64}$/.test(file.sha256) && file.bytes > 0)).toBe(true);
  expect(built.manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect((await readdir(runDir)).some((name) => name.endsWith('.partial'))).toBe(false);
});

test('signoff.json holds the run, the verdict, every item, the flows with timelines, and an empty sign-off block', async () => {
  const document = JSON.parse(await readFile(path.join(runDir, 'signoff.json'), 'utf8')) as SignoffDocument;
  expect(document.run).toMatchObject({
    runId: RUN_ID,
    mode: 'test',
    target: 'demo',
    provider: { apiVersion: '2025-09-30.clover', account: { id: 'acct_1DressRehearsal', displayName: 'Dress Rehearsal sandbox' } },
    gitCommit: '0123456789abcdef0123456789abcdef01234567',
    operator: 'Ada Operator',
    startedAt: '2026-11-23T17:45:00.000Z',
    endedAt: '2026-11-23T17:47:30.000Z',
    durationMs: 150_000,
  });
  expect(document.verdict).toMatchObject({
    kind: 'not-ready',
    headline: 'NOT READY to go live: 1 blocking item failed',
    blockingFailed: ['api-version-pinned'],
  });
  expect(document.items).toHaveLength(CHECKLIST.length);
  expect(document.preflight).toMatchObject({
    ran: true,
    file: 'evidence/preflight.json',
    counts: { passed: 6, failed: 1, warning: 1, skipped: 1 },
  });
  const purchase = document.flows.find((flow) => flow.flow === 'referral-purchase-refund')!;
  expect(purchase.timeline.map((point) => point.delay)).toEqual([undefined, '+300 ms', '+2.2 s', '≈1 s', '≈0 s', '+1.4 s']);
  expect(purchase.screenshots).toEqual([{ name: 'order paid', file: SCREENSHOT, step: 'pay on the hosted checkout page' }]);
  expect(purchase.providerRequests).toEqual({ total: 2, withoutRequestId: 1 });
  expect(document.flows.find((flow) => flow.flow === 'declines')).toMatchObject({
    status: 'skipped',
    skipReason: "Live mode: declines need the provider's test cards",
  });
  expect(document.artifacts).toEqual({ allureReport: 'allure-report.html' });
  expect(document.signoff).toMatchObject({ name: '', role: '', date: '', decision: '', decisionOptions: ['go', 'no-go'] });
  // The manual items of this run's platform (Dress Rehearsal's own): Rewardful's and Dub's are not in it.
  const manualItems = CHECKLIST.filter((item) => item.manual && (item.platform ?? 'dress-rehearsal') === 'dress-rehearsal');
  expect(document.signoff.attestations.map((entry) => entry.item)).toEqual(manualItems.map((item) => item.id));
});

test('signoff.html reads verdict first, then the run, the checklist, the timelines, and loads nothing from anywhere', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) requests.push(request.url());
  });
  await page.route(/^(https?|wss?|ftp):/, (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  await page.goto(pathToFileURL(built.html).href);

  const headline = page.getByTestId('verdict-headline');
  await expect(headline).toHaveText('✗ NOT READY to go live: 1 blocking item failed');
  await expect(page.getByTestId('verdict-reasons')).toContainText('is not pinned to an API version');
  const order = await page.evaluate(() =>
    ['verdict', 'run-facts', 'checklist', 'timeline-rh-20261123-174512-a1b2c3-w0-1', 'artifacts', 'signature-block'].map(
      (id) => document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect().top + window.scrollY,
    ),
  );
  expect([...order].sort((a, b) => a - b)).toEqual(order);

  await expect(page.locator('[data-testid^="checklist-row-"]')).toHaveCount(CHECKLIST.length);
  const row = (id: string) => page.getByTestId(`checklist-row-${id}`);
  await expect(row('keys-valid-for-mode')).toHaveAttribute('data-status', 'passed');
  await expect(row('keys-valid-for-mode')).toContainText('✓ Passed');
  await expect(row('api-version-pinned')).toHaveAttribute('data-status', 'failed');
  await expect(row('api-version-pinned')).toContainText('✗ Failed');
  await expect(row('webhook-endpoints-registered')).toHaveAttribute('data-status', 'passed');
  await expect(row('webhook-endpoints-registered')).toContainText('⚠ webhooks.endpoints-registered: Both endpoints are registered');
  await expect(row('webhook-endpoints-https')).toHaveAttribute('data-status', 'skipped');
  await expect(row('declines-handled')).toHaveAttribute('data-status', 'skipped');
  await expect(row('declines-handled')).toContainText("the declines flow was skipped: Live mode: declines need the provider's test cards");
  await expect(row('payment-end-to-end')).toHaveAttribute('data-status', 'passed');
  await expect(row('payment-end-to-end').getByRole('link', { name: 'Screenshot: order paid' })).toHaveAttribute('href', SCREENSHOT);
  await expect(row('payout-account-verified')).toHaveAttribute('data-status', 'awaiting-attestation');
  await expect(row('payout-account-verified')).toContainText('☐ Awaiting attestation');

  const timeline = page.getByTestId('timeline-rh-20261123-174512-a1b2c3-w0-1');
  await expect(timeline.locator('circle')).toHaveCount(6);
  await expect(timeline.locator('line.arrow')).toHaveCount(5);
  await expect(timeline.locator('text.delay')).toHaveText(['+300 ms', '+2.2 s', '≈1 s', '≈0 s', '+1.4 s']);

  const screenshot = page.getByRole('img', { name: 'order paid' });
  await expect(screenshot).toHaveAttribute('src', /^data:image\/png;base64,/);
  expect(await screenshot.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);

  await expect(page.getByTestId('artifacts')).toContainText('evidence/preflight.json');
  await expect(page.getByTestId('signature-block')).toContainText('☐ Go');
  await expect(page.getByTestId('signature-block')).toContainText('☐ No-go');

  const links = await page.evaluate(() =>
    [...document.querySelectorAll('[src], [href]')].map((element) => element.getAttribute('src') ?? element.getAttribute('href')!),
  );
  const external = links.filter(
    (link) => !link.startsWith('data:') && !link.startsWith('#') && /^[a-z][a-z0-9+.-]*:|^\/|(^|\/)\.\.\//i.test(link),
  );
  expect(external).toEqual([]);
  expect(requests).toEqual([]);
});

test('signoff.pdf is a PDF with pages', async () => {
  const pdf = await readFile(path.join(runDir, 'signoff.pdf'));
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? [];
  expect(pages.length).toBeGreaterThanOrEqual(1);
});

test('verify-report: the untouched folder matches; a changed byte, an added and a missing file are each named', async () => {
  expect(await verifyManifest(runDir)).toMatchObject({ changed: [], missing: [], added: [], manifestSha256: built.manifest.sha256 });

  const copy = path.join(root, 'tampered');
  await cp(runDir, copy, { recursive: true });
  const png = await readFile(path.join(copy, SCREENSHOT));
  png[png.length - 1] = png[png.length - 1]! ^ 0x01; // one byte, same size
  await writeFile(path.join(copy, SCREENSHOT), png);
  await writeFile(path.join(copy, 'evidence', 'notes.txt'), 'added after sign-off');
  await unlink(path.join(copy, 'signoff.pdf'));

  const check = await verifyManifest(copy);
  expect(check.changed.map((entry) => entry.path)).toEqual([SCREENSHOT]);
  expect(check.missing.map((entry) => entry.path)).toEqual(['signoff.pdf']);
  expect(check.added).toEqual(['evidence/notes.txt']);
});

test('a secret in a flow record never reaches the sign-off', async () => {
  const leakyDir = path.join(root, 'leaky', RUN_ID);
  const failed = {
    ...purchaseFlow(),
    status: 'failed' as const,
    error: `Stripe rejected the key ${LEAKED_KEY}`,
    timeline: [
      { lane: 'provider' as const, label: `authenticated with ${LEAKED_KEY}`, at: Date.UTC(2026, 10, 23), precision: 'ms' as const },
    ],
  };
  failed.steps = [{ ...failed.steps[0]!, status: 'failed', error: `401: Invalid API Key provided: ${LEAKED_KEY}` }];
  await writeSyntheticRun(leakyDir, [failed, skippedDeclinesFlow()]);
  const leaky = await buildSignoff({
    runDir: leakyDir,
    runId: RUN_ID,
    mode: 'test',
    target: 'demo',
    operator: 'op',
    gitCommit: 'unknown',
    startedAt: STARTED,
    endedAt: ENDED,
  });

  const html = await readFile(leaky.html, 'utf8');
  const json = await readFile(leaky.json, 'utf8');
  for (const text of [html, json]) {
    expect(text).not.toContain(LEAKED_KEY);
    expect(text).not.toContain('51LeakedIntoAnErrorMessage');
  }
  expect(html).toContain('401: Invalid API Key provided: [redacted]');
  expect(leaky.verdict.reasons.join('\n')).toContain('[redacted]');
  expect(await scanForLeaks([leaky.html, leaky.json, leaky.pdf!])).toEqual([]);
});
