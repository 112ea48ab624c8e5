import { test, expect, type Browser } from '@playwright/test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync, strToU8, zipSync } from 'fflate';
import { scanForLeaks, type LeakHit, type LeakKind } from '../../../../src/guards/leakScan/scanForLeaks';
import { buildReport } from '../../../../src/reporting/report/buildReport';

/** The planted secrets, one of each kind the scan looks for. */
const PLANTED: Record<LeakKind, string> = {
  'secret-key': 'sk_live_51PlantedLeakKey0000000000AbCdEf',
  'webhook-secret': 'whsec_PlantedWebhookSecret0000AbCdEf',
  'card-number': '4242 4242 4242 4242',
};
const KINDS = Object.keys(PLANTED) as LeakKind[];

let dir: string;
test.beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'leak-scan-'));
});
test.afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every kind was found in `file` (in `entry`, when given), and no excerpt shows any planted value. */
function expectAllKinds(hits: LeakHit[], file: string, entry?: string | RegExp): void {
  for (const kind of KINDS) {
    const hit = hits.find((h) => h.kind === kind && h.file === file);
    expect(hit, `a ${kind} hit in ${path.basename(file)}`).toBeDefined();
    if (entry !== undefined) expect(hit!.entry).toMatch(entry);
  }
  expectExcerptsRedacted(hits);
}

function expectExcerptsRedacted(hits: LeakHit[]): void {
  for (const hit of hits) {
    for (const secret of Object.values(PLANTED)) {
      expect(hit.excerpt).not.toContain(secret);
      expect(hit.excerpt).not.toContain(secret.replace(/ /g, ''));
      expect(hit.excerpt).not.toContain(secret.slice(8, 20)); // no telling part of a key either
    }
  }
}

function allureResult(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const start = 1_795_460_292_242;
  return {
    uuid: '0aade560-65c5-48fb-a27d-dca5f7de9099',
    historyId: 'b4f0a1e2d3c4b5a69788796a5b4c3d2e',
    testCaseId: 'b4f0a1e2d3c4b5a69788796a5b4c3d2e',
    name: 'a referred customer buys, the partner earns a commission, a refund reverses it',
    fullName: 'scenarios/referral-purchase-refund.spec.ts#a referred customer buys',
    status: 'passed',
    stage: 'finished',
    start,
    stop: start + 41_530,
    labels: [
      { name: 'run_id', value: 'rr-20251123-185712-7f3a' },
      { name: 'provider_api_version', value: '2025-10-29.clover' },
    ],
    parameters: [
      { name: 'amount', value: '4900' },
      { name: 'idempotency key', value: '5f1c2f0e-9c1a-4d43-8a7e-1b2c3d4e5f60' },
    ],
    links: [],
    attachments: [],
    steps: [
      {
        name: 'Buy through the hosted checkout with a card ending 4242',
        status: 'passed',
        stage: 'finished',
        start: start + 1_000,
        stop: start + 9_000,
        parameters: [
          { name: 'payment intent', value: 'pi_3QxYz1234567890123456789' },
          { name: 'charge', value: 'ch_3QxYz1234567890123456789' },
          { name: 'created', value: '1795460293' },
        ],
        steps: [],
        attachments: [],
      },
    ],
    ...overrides,
  };
}

async function traceWith(browser: Browser, file: string, values: Record<string, string>): Promise<void> {
  const context = await browser.newContext();
  await context.tracing.start({ screenshots: true, snapshots: true });
  const page = await context.newPage();
  const names = Object.keys(values);
  await page.setContent(`<form>${names.map((n) => `<label>${n} <input name="${n}"></label>`).join('')}</form>`);
  for (const [name, value] of Object.entries(values)) await page.locator(`input[name="${name}"]`).fill(value);
  await context.tracing.stop({ path: file });
  await context.close();
}

test('finds a secret key, a webhook secret and a card number in a real Playwright trace', async ({ browser }) => {
  const trace = path.join(dir, 'test-output', 'checkout', 'trace.zip');
  await mkdir(path.dirname(trace), { recursive: true });
  await traceWith(browser, trace, {
    apiKey: PLANTED['secret-key'],
    signingSecret: PLANTED['webhook-secret'],
    cardNumber: PLANTED['card-number'],
  });

  const hits = await scanForLeaks([dir]);
  expectAllKinds(hits, trace, /^trace\.trace$/);
});

test('finds them in an Allure result, a log file, and a single-file Allure report that embeds them as base64', async () => {
  const results = path.join(dir, 'allure-results');
  await mkdir(results);
  const resultFile = path.join(results, '0aade560-65c5-48fb-a27d-dca5f7de9099-result.json');
  const leakyStep = `configured with ${PLANTED['secret-key']}, signing secret ${PLANTED['webhook-secret']}, card ${PLANTED['card-number']}`;
  await writeFile(resultFile, JSON.stringify(allureResult({ statusDetails: { message: leakyStep } })));
  await writeFile(path.join(results, 'c1d2-attachment.json'), JSON.stringify({ request: { card: PLANTED['card-number'] } }));

  const log = path.join(dir, 'rehearsal.log');
  await writeFile(
    log,
    `▸ Running the scenarios…\nwebhook endpoint ready (${PLANTED['webhook-secret']})\nSTRIPE_SECRET_KEY=${PLANTED['secret-key']}\ntyped ${PLANTED['card-number']}\n`,
  );

  const htmlPath = path.join(dir, 'rehearsal-report.html');
  await buildReport({ resultsDir: results, htmlPath });

  const hits = await scanForLeaks([dir]);
  expectAllKinds(hits, resultFile, undefined);
  expect(hits.find((h) => h.file === resultFile)?.entry).toBeUndefined();
  expectAllKinds(hits, log, undefined);
  // The report holds them only base64-encoded (Allure's `d("data/…", "<base64>")`), named by the embedded file.
  expectAllKinds(hits, htmlPath, /^data\//);
  expect(hits.filter((h) => h.file === htmlPath && !h.entry)).toEqual([]);
});

test('reports each secret once per file with a count, and the card number even URL-encoded in a form body', async () => {
  const file = path.join(dir, 'trace.network');
  const body = `cardNumber=${PLANTED['card-number'].replace(/ /g, '+')}&cardExpiry=12%2F34`;
  await writeFile(file, `${JSON.stringify({ request: { postData: { text: body } } })}\n`.repeat(3));
  const hits = await scanForLeaks([file]);
  expect(hits).toEqual([expect.objectContaining({ file, kind: 'card-number', occurrences: 3 })]);
  expectExcerptsRedacted(hits);
});

test('an empty folder and a missing path give no hits', async () => {
  expect(await scanForLeaks([dir, path.join(dir, 'missing')])).toEqual([]);
});

test('a clean artifact set gives no hits: screenshot, trace, Allure results and the report built from them', async ({ browser, page }) => {
  const results = path.join(dir, 'allure-results');
  await mkdir(results);
  await writeFile(path.join(results, '0aade560-65c5-48fb-a27d-dca5f7de9099-result.json'), JSON.stringify(allureResult()));
  await writeFile(
    path.join(results, 'c1d2-attachment.json'),
    JSON.stringify({
      id: 'ch_3QxYz1234567890123456789',
      amount: 4900,
      created: 1795460293,
      created_ms: 1795460293123,
      payment_method_details: { card: { brand: 'visa', last4: '4242', exp_month: '[redacted]', number: '[redacted]' } },
      metadata: { run_id: 'rr-20251123-185712-7f3a' },
      key: 'sk_test_[redacted]',
      masked: 'sk_live_...AbCd',
      idempotency_key: '12345678-1234-1234-1234-123456789012',
    }),
  );
  await page.setContent('<h1>Order 1234 5678 9012 3456 confirmed</h1><p>Card •••• 4242, 49.00 USD</p>');
  await page.screenshot({ path: path.join(results, 'e5f6-attachment.png') });
  await traceWith(browser, path.join(dir, 'test-output', 'trace.zip'), {
    email: 'rehearsal+rr-7f3a@example.com',
    name: 'Rehearsal Customer',
  });
  await writeFile(
    path.join(dir, 'rehearsal.log'),
    '▸ Running the scenarios…\n  ✓  1 [scenarios] › declines.spec.ts › a declined card (4.2s)\n  7 passed (1.1m)\n',
  );
  await buildReport({ resultsDir: results, htmlPath: path.join(dir, 'rehearsal-report.html') });

  expect(await scanForLeaks([dir])).toEqual([]);
});

/** A zip as a recorded trace is one: `trace.trace` holding what was typed. */
function traceZip(typed: string): Uint8Array {
  return zipSync({ 'trace.trace': strToU8(`${JSON.stringify({ type: 'action', method: 'fill', params: { value: typed } })}\n`) });
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

test('finds a card number in a trace zip that the single-file Allure report inlines as base64', async () => {
  const results = path.join(dir, 'allure-results');
  await mkdir(results);
  await writeFile(path.join(results, 'f00d-attachment.zip'), traceZip(PLANTED['card-number']));
  await writeFile(
    path.join(results, '0aade560-65c5-48fb-a27d-dca5f7de9099-result.json'),
    JSON.stringify(allureResult({ attachments: [{ name: 'trace', source: 'f00d-attachment.zip', type: 'application/zip' }] })),
  );
  const htmlPath = path.join(dir, 'rehearsal-report.html');
  await buildReport({ resultsDir: results, htmlPath });

  const hits = await scanForLeaks([htmlPath]);
  expect(hits).toEqual([
    expect.objectContaining({
      file: htmlPath,
      kind: 'card-number',
      entry: expect.stringMatching(/^data\/attachments\/\w+\.zip › trace\.trace$/),
    }),
  ]);
  expectExcerptsRedacted(hits);
});

test('unzips what it decodes, nested: a zip in base64 in an HTML page in a zip, and gzip streams', async () => {
  const page = `<!doctype html><script>d("data/attachments/t.zip","${base64(traceZip(PLANTED['card-number']))}")</script>`;
  const bundle = path.join(dir, 'bundle.zip');
  await writeFile(bundle, zipSync({ 'report/index.html': strToU8(page) }));
  const gzipped = path.join(dir, 'rehearsal.log.gz');
  await writeFile(gzipped, gzipSync(strToU8(`STRIPE_SECRET_KEY=${PLANTED['secret-key']}\n`)));
  const inlinedGzip = path.join(dir, 'page.html');
  await writeFile(
    inlinedGzip,
    `<html><a href="data:application/gzip;base64,${base64(gzipSync(strToU8(`whsec: ${PLANTED['webhook-secret']}`)))}">log</a></html>`,
  );

  const hits = await scanForLeaks([dir]);
  expect(hits).toEqual([
    expect.objectContaining({ file: bundle, kind: 'card-number', entry: 'report/index.html › data/attachments/t.zip › trace.trace' }),
    expect.objectContaining({ file: inlinedGzip, kind: 'webhook-secret', entry: 'application/gzip' }),
    expect.objectContaining({ file: gzipped, kind: 'secret-key' }),
  ]);
  expectExcerptsRedacted(hits);
});

test('expands archives nested several levels deep, and stops at a bound without throwing', async () => {
  const nested = (levels: number) => {
    let bytes = traceZip(PLANTED['card-number']);
    for (let level = 0; level < levels; level += 1) bytes = zipSync({ [`level-${level}.zip`]: bytes });
    return bytes;
  };
  const five = path.join(dir, 'five.zip');
  await writeFile(five, nested(5));
  const twelve = path.join(dir, 'twelve.zip');
  await writeFile(twelve, nested(12));
  expect(await scanForLeaks([dir])).toEqual([
    expect.objectContaining({
      file: five,
      kind: 'card-number',
      entry: 'level-4.zip › level-3.zip › level-2.zip › level-1.zip › level-0.zip › trace.trace',
    }),
  ]);
});

test('finds a card number split by no-break spaces in an Allure result', async () => {
  const file = path.join(dir, 'c1d2-attachment.json');
  await writeFile(file, JSON.stringify({ shown: 'Card 4242\u00a04242\u00a04242\u00a04242 charged' })); // JSON keeps U+00A0 as it is
  expect(await scanForLeaks([file])).toEqual([expect.objectContaining({ file, kind: 'card-number' })]);
});
