import type { JSONReport, JSONReportSuite } from '@playwright/test/reporter';

/** What one night's run came to, from Playwright's JSON report; written to summary.json. */
export interface NightlySummary {
  passed: number;
  /** Tests that failed first and passed on retry, by name ("project › file › title"): reported, never green. */
  flaky: string[];
  failed: string[];
  skipped: number;
}

type Outcome = 'passed' | 'flaky' | 'failed' | 'skipped';
const WORST_FIRST: Outcome[] = ['failed', 'flaky', 'passed', 'skipped'];

/**
 * Counts each test once, by its final outcome (Playwright's status: expected, flaky, unexpected or skipped). A test
 * that ran in several shards (preflight, a dependency of every shard's scenarios) counts once, by its worst outcome.
 */
export function summarizeRun(report: JSONReport): NightlySummary {
  const outcomes = new Map<string, Outcome>();
  const record = (name: string, outcome: Outcome) => {
    const before = outcomes.get(name);
    if (!before || WORST_FIRST.indexOf(outcome) < WORST_FIRST.indexOf(before)) outcomes.set(name, outcome);
  };
  const visit = (suite: JSONReportSuite, titles: string[]) => {
    const path = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs) {
      for (const test of spec.tests) {
        const name = [test.projectName, ...path, spec.title].filter(Boolean).join(' › ');
        record(name, test.status === 'expected' ? 'passed' : test.status === 'unexpected' ? 'failed' : test.status);
      }
    }
    for (const child of suite.suites ?? []) visit(child, path);
  };
  for (const suite of report.suites) visit(suite, []);

  const summary: NightlySummary = { passed: 0, flaky: [], failed: [], skipped: 0 };
  for (const [name, outcome] of outcomes) {
    if (outcome === 'passed') summary.passed += 1;
    else if (outcome === 'skipped') summary.skipped += 1;
    else summary[outcome].push(name);
  }
  // A run that broke before or outside any test (a config error, a crashed worker) has no failed test to name.
  for (const error of report.errors ?? []) summary.failed.push(`(outside any test) ${error.message?.split('\n')[0] ?? 'error'}`);
  return summary;
}

/** The one-line account: "N passed, F flaky (passed on retry): a, b, X failed". */
export function summaryLine(summary: NightlySummary): string {
  const flaky = summary.flaky.length ? `: ${summary.flaky.join('; ')}` : '';
  const skipped = summary.skipped ? `, ${summary.skipped} skipped` : '';
  return `${summary.passed} passed, ${summary.flaky.length} flaky (passed on retry)${flaky}, ${summary.failed.length} failed${skipped}`;
}

/** The quality gate: 1 when any test failed (or nothing ran at all), 0 otherwise; flaky tests do not fail the night. */
export function gateExitCode(summary: NightlySummary): number {
  const ran = summary.passed + summary.flaky.length + summary.failed.length;
  return summary.failed.length > 0 || ran === 0 ? 1 : 0;
}
