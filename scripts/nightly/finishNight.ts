import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import type { JSONReport } from '@playwright/test/reporter';
import { redactText } from '../../src/base/redact';
import { scanRunArtifacts } from '../../src/guards/leakScan/runLeakScan';
import { buildNightlyReport } from './nightlyReport';
import { gateExitCode, summarizeRun, summaryLine, type NightlySummary } from './runSummary';

export interface FinishNightOptions {
  /** Playwright's JSON report of the whole night (merged from the shards when sharded). */
  resultsJson: string;
  allureResultsDirs: string[];
  htmlPath: string;
  historyPath: string;
  summaryPath: string;
  /** What already makes the night red whatever the tests say (e.g. a shard that left no results). */
  problems?: string[];
}

/**
 * The end of a night, sharded or not: reads the results, builds the Allure report with history, writes
 * summary.json, scans the folder for keys and card numbers, prints the summary line and returns the quality gate's
 * exit code (1 when any test failed, when the results or the report are missing, or when a secret reached a file).
 */
export async function finishNight(options: FinishNightOptions): Promise<number> {
  const report = await readFile(options.resultsJson, 'utf8')
    .then((text) => JSON.parse(text) as JSONReport)
    .catch(() => undefined);
  if (!report) {
    console.error(`✗ No results at ${shown(options.resultsJson)}: Playwright did not finish (see its output above).`);
    return 1;
  }
  const summary = redactSummary(summarizeRun(report));
  let reportBuilt = true;
  try {
    await buildNightlyReport({ resultsDirs: options.allureResultsDirs, htmlPath: options.htmlPath, historyPath: options.historyPath });
    console.log(`▸ Nightly report… ✓ ${shown(options.htmlPath)} (history: ${shown(options.historyPath)})`);
  } catch (error) {
    reportBuilt = false;
    console.error(`✗ ${redactText(error instanceof Error ? error.message : String(error))}`);
  }
  await mkdir(dirname(options.summaryPath), { recursive: true });
  const leaks = await scanRunArtifacts(dirname(options.summaryPath), shown);
  const problems = options.problems ?? [];
  const exitCode = gateExitCode(summary) || (reportBuilt && leaks === 0 && problems.length === 0 ? 0 : 1);
  const line = [summaryLine(summary), ...problems].join('; ');
  await writeFile(options.summaryPath, `${JSON.stringify({ ...summary, problems, line, exitCode }, null, 2)}\n`);
  console.log(`${exitCode === 0 ? '✓' : '✗'} Nightly: ${line}`);
  return exitCode;
}

function redactSummary(summary: NightlySummary): NightlySummary {
  return { ...summary, flaky: summary.flaky.map(redactText), failed: summary.failed.map(redactText) };
}

/** A path relative to the current folder when it is inside it. */
export function shown(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere.startsWith('..') ? path : fromHere;
}
