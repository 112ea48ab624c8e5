// The nightly run's Playwright configuration: the project's own (playwright.config.ts: projects, browser, timeouts)
// with the nightly reporters. scripts/nightly.ts passes it with --config; REHEARSAL_NIGHTLY_BLOB_DIR adds the blob
// report a sharded run needs to be merged later (scripts/nightlyMerge.ts).
import { resolve } from 'node:path';
import { defineConfig, type ReporterDescription } from '@playwright/test';
import base from '../../playwright.config';
import { nightlyPaths } from './nightlyPaths';

const ROOT = resolve(import.meta.dirname, '..', '..');
const paths = nightlyPaths(process.env, ROOT);
const blobDir = process.env.REHEARSAL_NIGHTLY_BLOB_DIR;

const reporters: ReporterDescription[] = [
  [process.env.CI ? 'line' : 'list'],
  ['junit', { outputFile: paths.junit }],
  ['json', { outputFile: paths.results }],
  ['allure-playwright', { resultsDir: paths.allureResults, detail: false, suiteTitle: false }],
  ['../../src/reporting/report/logFileReporter.ts', { outputFile: paths.log }],
  ...(blobDir ? [['blob', { outputDir: blobDir }] satisfies ReporterDescription] : []),
];

export default defineConfig({
  ...base,
  reporter: reporters,
  // File paths in the reports are relative to this: the project root, as with playwright.config.ts.
  testDir: ROOT,
  // The projects' test folders are relative to the project root, not to this file.
  projects: (base.projects ?? []).map((project) => ({ ...project, testDir: resolve(ROOT, project.testDir ?? '.') })),
});
