import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureBrowser } from '../../browser/ensureBrowser';
import { InterruptCleanup } from '../../cleanup/interruptCleanup';
import { loadRehearsalConfig } from '../../config/rehearsalConfig';
import { scanRunArtifacts } from '../../leakScan/runLeakScan';
import { ReportError } from '../../report/reportError';
import { reportPaths } from '../../report/reportPaths';
import { displayPath } from '../displayPath';
import { applyModeFlags } from '../modeFlags';
import { passesModeGuard } from '../modeGuardStep';
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
  args = applyModeFlags(args, process.env); // --mode, --confirm-live → REHEARSAL_MODE, REHEARSAL_CONFIRM_LIVE_FLAG
  checkPlaywrightArgs(args);

  const config = loadRehearsalConfig(process.env, { envFile: join(REPO_ROOT, '.env') });
  console.log(`▸ Checking the configuration… ✓ mode ${config.mode}, target ${config.targetName}`);
  if (!(await passesModeGuard(config, process.env))) return 2; // every failed rule printed; nothing runs
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
  // Ctrl-C / SIGTERM: Playwright stops, then this invocation's runs are cleaned up and the exit code is 130 / 143.
  const interrupts = await InterruptCleanup.start(process.env);
  const exitCode = await interrupts.finish(await runPlaywright(playwrightArgs, { cwd: REPO_ROOT, env }));
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
  // Keys or card numbers that slipped past redaction (traces, logs, the report's embedded data) fail the run.
  if ((await scanRunArtifacts(paths.reports, displayPath)) > 0) {
    console.log(`✗ Rehearsal did not pass: its artifacts hold secrets${exitCode === 0 ? ' (the scenarios passed)' : ''}.`);
    return exitCode || 1;
  }
  console.log(exitCode === 0 ? '✓ Rehearsal passed.' : `✗ Rehearsal did not pass (Playwright exit code ${exitCode}).`);
  return exitCode;
}
