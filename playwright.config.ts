import { defineConfig, devices } from '@playwright/test';
import { findBrowser } from './src/browser/findBrowser';
import { OFFLINE_CHROMIUM_ARGS } from './src/browser/chromiumFlags';
import { reportPaths } from './src/report/reportPaths';

// On a failure Playwright writes the page's ARIA snapshot, typed values included, into error-context.md:
// a filled card number or admin key would reach the report. This turns it off in every worker of every project.
process.env.PLAYWRIGHT_NO_COPY_PROMPT = '1';

const browser = findBrowser();
const paths = reportPaths(process.env);

export default defineConfig({
  outputDir: paths.testOutput,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  reporter: [
    ['list'],
    ['allure-playwright', { resultsDir: paths.allureResults, detail: false, suiteTitle: false }],
  ],
  use: {
    ...devices['Desktop Chrome'],
    // Traces record fill() values (card numbers, keys): off until card entry is kept out of them.
    trace: 'off',
    screenshot: 'off',
    launchOptions: {
      executablePath: browser?.executablePath,
      args: OFFLINE_CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: 'scenarios', testDir: './scenarios' },
    { name: 'harness', testDir: './tests' },
  ],
});
