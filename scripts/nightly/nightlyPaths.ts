import { resolve } from 'node:path';

/**
 * Where a nightly run writes its output: REHEARSAL_REPORTS_DIR when set, else reports/nightly. The Allure history
 * (history.jsonl) lives there too and is kept between nights; everything else is replaced by each run.
 */
export function nightlyPaths(env: NodeJS.ProcessEnv, root: string) {
  const dir = resolve(root, env.REHEARSAL_REPORTS_DIR || 'reports/nightly');
  return {
    dir,
    allureResults: resolve(dir, 'allure-results'),
    junit: resolve(dir, 'junit.xml'),
    /** Playwright's JSON report: the gate and the flaky list are read from it. */
    results: resolve(dir, 'results.json'),
    log: resolve(dir, 'rehearsal.log'),
    history: resolve(dir, 'history.jsonl'),
    html: resolve(dir, 'nightly-report.html'),
    summary: resolve(dir, 'summary.json'),
    blob: (shard: { index: number; total: number }) => resolve(dir, `blob-${shard.index}-of-${shard.total}`),
  };
}
