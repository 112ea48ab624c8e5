// Stage C of `npm run bench`: the browser journeys of every scenario (browserOnly/), one project per target as the
// full rehearsal has them (the default target, then each of REHEARSAL_ALSO_TARGETS), with the project's browser,
// timeouts and output folder, and no reporter but the console's and the JSON report the bench reads.
import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import type { TargetWorkerFixtures } from '../../fixtures/targetFixtures';
import base from '../../playwright.config';
import { benchResultsReporter } from './benchReporters';

const alsoTargets = (process.env.REHEARSAL_ALSO_TARGETS ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
const testDir = resolve(import.meta.dirname, 'browserOnly');

export default defineConfig<{}, Pick<TargetWorkerFixtures, 'targetName'>>({
  ...base,
  reporter: [['list'], ...benchResultsReporter(process.env)],
  testDir,
  projects: [
    { name: 'browser-only', testDir },
    ...alsoTargets.map((targetName) => ({ name: `browser-only-${targetName}`, testDir, use: { targetName } })),
  ],
});
