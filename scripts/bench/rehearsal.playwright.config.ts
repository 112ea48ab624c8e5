// Stages A and B of `npm run bench`: the project's own Playwright configuration (projects, browser, timeouts, its
// reporters: the rehearsal's evidence is part of what is timed) plus Playwright's JSON report at
// REHEARSAL_BENCH_RESULTS, from which the bench counts passed and failed tests.
import { resolve } from 'node:path';
import { defineConfig, type ReporterDescription } from '@playwright/test';
import base from '../../playwright.config';
import { benchResultsReporter, fromProjectRoot } from './benchReporters';

const ROOT = resolve(import.meta.dirname, '..', '..');

export default defineConfig({
  ...base,
  reporter: [...fromProjectRoot((base.reporter ?? []) as ReporterDescription[], ROOT), ...benchResultsReporter(process.env)],
  // File paths in the reports are relative to this: the project root, as with playwright.config.ts.
  testDir: ROOT,
  projects: (base.projects ?? []).map((project) => ({ ...project, testDir: resolve(ROOT, project.testDir ?? '.') })),
});
