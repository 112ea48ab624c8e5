import { expect, test } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSignoff } from '../../../../src/reporting/signoff/buildSignoff';
import { recordRehearsedSystem, recordRehearsedSystemOfThisRun } from '../../../../src/reporting/signoff/runFacts';
import type { SignoffDocument } from '../../../../src/reporting/signoff/signoffDocument';
import { EMBEDDED_SANDBOX_DESCRIPTION } from '../../../../src/model/target/rehearsedSystem';
import { RUN_ID, SYNTHETIC_RUN_FACTS, writeSyntheticRun } from './syntheticRun';

/**
 * Issue 16, point 11: whoever reads the sign-off learns which system was rehearsed, in words, from its header:
 * the embedded offline sandbox or the operator's site. The run records it (evidence/rehearsed-system.json, written by
 * the fixtures' mode guard and by `rehearse preflight`); the HTML, the JSON and the PDF printed from the HTML show it.
 */

let root: string;

test.beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'signoff-rehearsed-system-'));
});

test.afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function signoffOf(runDir: string) {
  await writeSyntheticRun(runDir);
  return buildSignoff({
    runDir,
    ...SYNTHETIC_RUN_FACTS,
    startedAt: new Date('2026-11-23T17:45:00Z'),
    endedAt: new Date('2026-11-23T17:47:30Z'),
  });
}

test("the sign-off's header names the embedded sandbox the run recorded, in the HTML, the JSON and the PDF", async ({ page }) => {
  const runDir = path.join(root, RUN_ID);
  await recordRehearsedSystemOfThisRun(
    { kind: 'embedded-sandbox', description: EMBEDDED_SANDBOX_DESCRIPTION },
    { REHEARSAL_REPORTS_DIR: root, REHEARSAL_RUN_ID: RUN_ID },
  );
  const built = await signoffOf(runDir);

  await page.goto(pathToFileURL(built.html).href);
  await expect(page.locator('header [data-testid="rehearsed-system"]')).toHaveText(`Rehearsed: ${EMBEDDED_SANDBOX_DESCRIPTION}`);
  const json = JSON.parse(await readFile(built.json, 'utf8')) as SignoffDocument;
  expect(json.run.rehearsedSystem).toEqual({ kind: 'embedded-sandbox', description: EMBEDDED_SANDBOX_DESCRIPTION });
  expect(built.pdf, 'the PDF is printed from this HTML').toBeDefined();
});

test("the operator's site is named with its provider and referral platform", async ({ page }) => {
  const runDir = path.join(root, RUN_ID);
  const description = 'your site at https://shop.example (provider https://api.stripe.com, referral platform https://api.referral.example)';
  await recordRehearsedSystem(runDir, { kind: 'your-site', description });
  const built = await signoffOf(runDir);

  await page.goto(pathToFileURL(built.html).href);
  await expect(page.locator('header [data-testid="rehearsed-system"]')).toHaveText(`Rehearsed: ${description}`);
  expect(built.document.run.rehearsedSystem?.kind).toBe('your-site');
});

test('a run that recorded no system says so, rather than guessing', async ({ page }) => {
  const built = await signoffOf(path.join(root, RUN_ID));

  await page.goto(pathToFileURL(built.html).href);
  await expect(page.locator('header [data-testid="rehearsed-system"]')).toHaveText(
    'Rehearsed: not recorded (the run wrote no evidence/rehearsed-system.json)',
  );
  expect(built.document.run).not.toHaveProperty('rehearsedSystem');
});
