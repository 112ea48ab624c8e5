import * as allure from 'allure-js-commons';
import { test } from '../fixtures/index';
import { checklistItem } from '../src/model/checklist/catalogue';
import { EvidenceRecorder } from '../src/run/evidence/evidenceRecorder';
import { redactText } from '../src/base/redact';
import { blockingFailures, preflightItems, runPreflight, writePreflightReport, type ItemVerdict } from '../src/guards/preflight/index';
import { PROVIDER_API_VERSION } from '../src/run/provider/providerClient';
import { reportPaths } from '../src/reporting/report/reportPaths';
import { rehearsalRunId } from '../src/base/runId';

/**
 * The Playwright project `preflight`, which `scenarios` depends on: runs every preflight check against the target,
 * writes <runDir>/evidence/preflight.json, shows one step per checklist item, and fails when a blocking item failed,
 * so no flow runs on an integration that is not ready (the reason is this test's error). Warnings are annotations.
 */

const SYMBOLS: Record<ItemVerdict, string> = { passed: '✓', failed: '✗', warning: '!', skipped: '–' };

test('preflight: the go-live checks no browser flow covers', async ({
  target,
  targetEnvironment,
  rehearsalConfig,
  referral,
  browser,
}, testInfo) => {
  const runId = rehearsalRunId();
  const evidence = new EvidenceRecorder(testInfo);
  await evidence.labels({
    flow: 'preflight',
    severity: 'blocker',
    mode: rehearsalConfig.mode,
    runId,
    apiVersion: PROVIDER_API_VERSION,
    target: target.name,
  });

  const report = await runPreflight({
    target,
    environment: targetEnvironment,
    mode: rehearsalConfig.mode,
    runId,
    browser,
    referral,
    skipItems: rehearsalConfig.checklistSkip,
  });
  await writePreflightReport(reportPaths(process.env).runDir(runId), report);

  for (const { item, verdict, results, reason } of preflightItems(report)) {
    await allure.label('checklist', item.id);
    await test.step(redactText(`${SYMBOLS[verdict]} ${item.title}`), async () => {
      await evidence.attachJson(`${item.id}: preflight checks`, results);
    });
    if (verdict === 'warning') {
      testInfo.annotations.push({ type: 'warning', description: redactText(`${item.title} — ${reason ?? 'see the preflight report'}`) });
    }
  }

  const blocking = blockingFailures(report);
  if (blocking.length > 0) {
    const lines = blocking.map((result) => redactText(`  - ${checklistItem(result.item).title} — ${result.summary}`));
    throw new Error(
      `Preflight found ${blocking.length} blocking go-live problem${blocking.length === 1 ? '' : 's'}, so no flow runs until ${blocking.length === 1 ? 'it is' : 'they are'} fixed:\n${lines.join('\n')}`,
    );
  }
});
