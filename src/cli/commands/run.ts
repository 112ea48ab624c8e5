import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureBrowser } from '../../browser/ensureBrowser';
import { loadRehearsalConfig } from '../../config/rehearsalConfig';
import { ReportError } from '../../report/reportError';
import { reportPaths } from '../../report/reportPaths';
import { displayPath } from '../displayPath';
import { checkPlaywrightArgs } from '../playwrightArgs';
import { REPO_ROOT } from '../repoRoot';
import { runPlaywright } from '../runPlaywright';
import { buildAndPrintReport } from './report';
import { helpCommand } from './help';

/**
 * `rehearse` / `rehearse run [playwright options]`: checks the configuration and the browser, runs the scenarios,
 * builds the report even when scenarios failed, and exits with Playwright's exit code.
 */
export async function runCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) return helpCommand();
  checkPlaywrightArgs(args);

  const config = loadRehearsalConfig(process.env, { envFile: join(REPO_ROOT, '.env') });
  console.log(`▸ Checking the configuration… ✓ mode ${config.mode}, target ${config.targetName}`);
  const browser = await ensureBrowser({ verify: false });

  const listOnly = args.includes('--list');
  const paths = reportPaths(process.env, REPO_ROOT);
  if (!listOnly) {
    await rm(paths.allureResults, { recursive: true, force: true });
    console.log(`▸ Clearing the previous results… ✓ ${displayPath(paths.allureResults)}`);
  }

  console.log(`▸ Running the scenarios${args.length ? ` (${args.join(' ')})` : ''}…`);
  const env = { ...process.env, ...(browser.executablePath ? { CHROMIUM_PATH: browser.executablePath } : {}) };
  const playwrightArgs = ['test', '--config', join(REPO_ROOT, 'playwright.config.ts'), '--project=scenarios', ...args];
  const exitCode = await runPlaywright(playwrightArgs, { cwd: REPO_ROOT, env });
  if (listOnly) return exitCode;

  try {
    await buildAndPrintReport();
  } catch (error) {
    if (!(error instanceof ReportError)) throw error;
    console.error(
      error.reason === 'no-results'
        ? 'No report: the scenarios produced no results (see Playwright\'s output above for why).'
        : error.message,
    );
    return exitCode || 1;
  }
  console.log(exitCode === 0 ? '✓ Rehearsal passed.' : `✗ Rehearsal did not pass (Playwright exit code ${exitCode}).`);
  return exitCode;
}
