import { resolve } from 'node:path';

/** Where one rehearsal writes its output; REHEARSAL_REPORTS_DIR moves all of it (the project's own tests do). */
export function reportPaths(env: NodeJS.ProcessEnv = process.env, root = process.cwd()) {
  const reports = resolve(root, env.REHEARSAL_REPORTS_DIR ?? 'reports');
  return {
    reports,
    allureResults: resolve(reports, 'allure-results'),
    testOutput: resolve(reports, 'test-output'),
    html: resolve(reports, 'rehearsal-report.html'),
    /** The console's account of the run, read by the leak scan (src/reporting/report/logFileReporter.ts). */
    log: resolve(reports, 'rehearsal.log'),
    /** One rehearsal's sign-off directory: signoff.html/.pdf/.json, manifest.json, evidence/ (docs/architecture.md, "One run, one directory"). */
    runDir: (runId: string) => resolve(reports, runId),
  };
}
