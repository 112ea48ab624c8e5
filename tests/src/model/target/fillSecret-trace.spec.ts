import { test, expect } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scanForLeaks } from '../../../../src/guards/leakScan/scanForLeaks';
import { fillSecret } from '../../../../src/model/target/fillSecret';

const CARD_NUMBER = '4242 4242 4242 4242';
const WEBHOOK_SECRET = 'whsec_PlantedWebhookSecret0000AbCdEf';

let dir: string;
test.beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fill-secret-trace-'));
});
test.afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('keeps a typed card number out of the Playwright trace', async ({ browser }) => {
  const context = await browser.newContext();
  const trace = path.join(dir, 'trace.zip');
  await context.tracing.start({ screenshots: true, snapshots: true });
  const page = await context.newPage();
  // The page reads the value as the customer types (as a checkout formats or validates a card number).
  await page.setContent(`
    <form><input name="cardNumber"><input name="signingSecret"><output></output><button type="button">Pay</button></form>
    <script>document.forms[0].addEventListener('input', (e) => { document.querySelector('output').textContent = e.target.value.length; });</script>`);
  await fillSecret(page.locator('input[name=cardNumber]'), CARD_NUMBER);
  await fillSecret(page.locator('input[name=signingSecret]'), WEBHOOK_SECRET);
  // Later actions snapshot the DOM, both fields' values included, before and after.
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page.locator('output')).toHaveText(String(WEBHOOK_SECRET.length));
  await context.tracing.stop({ path: trace });

  // Read back after tracing stopped: `inputValue()` would put the value into the trace as its result.
  expect(await page.locator('input[name=cardNumber]').inputValue()).toBe(CARD_NUMBER);
  expect(await page.locator('input[name=signingSecret]').inputValue()).toBe(WEBHOOK_SECRET);
  expect(await page.evaluate(() => (document.querySelector('input[name=cardNumber]') as HTMLInputElement).value)).toBe(CARD_NUMBER);
  await context.close();

  expect(await scanForLeaks([trace])).toEqual([]);
});

test('the same trace with fill() holds the card number: the scan would see a regression', async ({ browser }) => {
  const context = await browser.newContext();
  const trace = path.join(dir, 'trace.zip');
  await context.tracing.start({ snapshots: true });
  const page = await context.newPage();
  await page.setContent('<input name="cardNumber">');
  await page.locator('input[name=cardNumber]').fill(CARD_NUMBER);
  await context.tracing.stop({ path: trace });
  await context.close();

  expect(await scanForLeaks([trace])).toEqual([expect.objectContaining({ kind: 'card-number', entry: 'trace.trace' })]);
});

test('a form post still sends the real value', async ({ browser }) => {
  const context = await browser.newContext();
  await context.tracing.start({ snapshots: true });
  const page = await context.newPage();
  let posted = '';
  await page.route('http://shop.test/**', async (route) => {
    if (route.request().method() === 'POST') posted = route.request().postData() ?? '';
    await route.fulfill({
      contentType: 'text/html',
      body: '<form method="post" action="/pay"><input name="cardNumber"><button>Pay</button></form>',
    });
  });
  await page.goto('http://shop.test/checkout');
  await fillSecret(page.locator('input[name=cardNumber]'), CARD_NUMBER);
  await page.getByRole('button', { name: 'Pay' }).click();
  await page.waitForURL('http://shop.test/pay');
  await context.tracing.stop();
  await context.close();
  expect(new URLSearchParams(posted).get('cardNumber')).toBe(CARD_NUMBER);
});
