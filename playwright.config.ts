import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import type { TargetWorkerFixtures } from './fixtures/targetFixtures';
import { findBrowser, runShowsWindow } from './src/run/browser/findBrowser';
import { OFFLINE_CHROMIUM_ARGS } from './src/run/browser/chromiumFlags';
import { reportPaths } from './src/reporting/report/reportPaths';
import { newRunId } from './src/base/runId';
import { referralPlatformNamed } from './sandbox/referralPlatformChoice';

// On a failure Playwright writes the page's ARIA snapshot, typed values included, into error-context.md:
// a filled card number or admin key would reach the report. This turns it off in every worker of every project.
process.env.PLAYWRIGHT_NO_COPY_PROMPT = '1';

// One run id for the whole Playwright run: set here in the main process, inherited by every worker.
process.env.REHEARSAL_RUN_ID ||= newRunId();

// Headless runs use Chromium's headless shell when installed; a run that shows the window needs the full Chromium.
// Decided in the main process (only it sees --headed/--debug/--ui) and inherited by every worker.
process.env.REHEARSAL_BROWSER_WINDOW ||= runShowsWindow(process.argv, process.env) ? 'yes' : 'no';
const browser = findBrowser(process.env, { window: process.env.REHEARSAL_BROWSER_WINDOW === 'yes' });
/**
 * More targets to rehearse in the same run, each as its own pair of projects (`npm test` adds the second example
 * target); `REHEARSAL_TARGET` (or rehearsal.config.ts) picks the target of the main `preflight` and `scenarios`.
 */
const alsoTargets = (process.env.REHEARSAL_ALSO_TARGETS ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
/**
 * More referral platforms to rehearse the demo target on, each as its own pair of projects (`preflight-demo-<platform>`,
 * `scenarios-demo-<platform>`): their workers start the demo's sandbox with that platform's emulation and pick its
 * adapter (fixtures/targetFixtures.ts). `npm test` adds rewardful and dub.
 */
const alsoPlatforms = (process.env.REHEARSAL_ALSO_PLATFORMS ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean)
  // A name of no platform stops the run here, in one line.
  .map((name) => referralPlatformNamed(name, 'REHEARSAL_ALSO_PLATFORMS'));
const paths = reportPaths(process.env);

export default defineConfig<{}, Pick<TargetWorkerFixtures, 'targetName' | 'sandboxReferralPlatform'>>({
  outputDir: paths.testOutput,
  // One rate budget for every worker (src/run/rateBudget/budgetServer.ts); absolute, as scripts/bench configs reuse this one.
  // With REHEARSAL_SINK_URL, one relay on REHEARSAL_SINK_PORT passes what a tunnel forwards to each test's sink.
  globalSetup: [
    path.resolve(import.meta.dirname, 'src/run/rateBudget/budgetServerSetup.ts'),
    path.resolve(import.meta.dirname, 'src/run/webhooks/sinkRelaySetup.ts'),
  ],
  timeout: 120_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  reporter: [
    ['list'],
    ['allure-playwright', { resultsDir: paths.allureResults, detail: false, suiteTitle: false }],
    ['./src/reporting/report/logFileReporter.ts', { outputFile: paths.log }],
  ],
  use: {
    ...devices['Desktop Chrome'],
    // Off: a trace's network log records the payment form's POST body, card number included (src/model/target/fillSecret.ts
    // keeps typed values out of the action log and snapshots, but not out of the network log).
    trace: 'off',
    screenshot: 'off',
    launchOptions: {
      executablePath: browser?.executablePath,
      args: OFFLINE_CHROMIUM_ARGS,
    },
  },
  projects: [
    // Runs before every flow: a failed blocking go-live item fails it, and then no scenario runs.
    { name: 'preflight', testDir: './scenarios', testMatch: /preflight\.setup\.ts/ },
    { name: 'scenarios', testDir: './scenarios', dependencies: ['preflight'], testIgnore: /preflight\.setup\.ts/ },
    ...alsoTargets.flatMap((targetName) => [
      { name: `preflight-${targetName}`, testDir: './scenarios', testMatch: /preflight\.setup\.ts/, use: { targetName } },
      {
        name: `scenarios-${targetName}`,
        testDir: './scenarios',
        dependencies: [`preflight-${targetName}`],
        testIgnore: /preflight\.setup\.ts/,
        use: { targetName },
      },
    ]),
    ...alsoPlatforms.flatMap((platform) => {
      const use = { targetName: 'demo', sandboxReferralPlatform: platform };
      return [
        { name: `preflight-demo-${platform}`, testDir: './scenarios', testMatch: /preflight\.setup\.ts/, use },
        {
          name: `scenarios-demo-${platform}`,
          testDir: './scenarios',
          dependencies: [`preflight-demo-${platform}`],
          testIgnore: /preflight\.setup\.ts/,
          use,
        },
      ];
    }),
    { name: 'harness', testDir: './tests' },
  ],
});
