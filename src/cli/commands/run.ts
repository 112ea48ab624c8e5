import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureBrowser } from '../../run/browser/ensureBrowser';
import { InterruptCleanup } from '../../run/cleanup/interruptCleanup';
import { scanRunArtifacts } from '../../guards/leakScan/runLeakScan';
import { ReportError } from '../../reporting/report/reportError';
import { reportPaths } from '../../reporting/report/reportPaths';
import { newRunId, rehearsalRunId } from '../../base/runId';
import { signoffFileLines, verdictLines } from '../../reporting/signoff/signoffLines';
import { displayPath } from '../displayPath';
import { loadConfiguration } from '../loadConfiguration';
import { applyModeFlags } from '../modeFlags';
import { passesModeGuard } from '../modeGuardStep';
import { checkPlaywrightArgs } from '../playwrightArgs';
import { REPO_ROOT } from '../repoRoot';
import { runPlaywright } from '../runPlaywright';
import { buildAndPrintReport, buildAndPrintSignoff } from './report';
import { helpCommand } from './help';

/**
 * `rehearse` / `rehearse run [playwright options]`: checks the configuration and the browser, runs the scenarios
 * under one run id, builds the report and the run's sign-off even when scenarios failed, scans every artifact for
 * secrets, and exits with Playwright's exit code (1 when the report, the sign-off or the scan failed on a passing
 * run). The last lines printed are the sign-off's paths, the scenarios' result ("✓ Every scenario that ran passed."),
 * and the sign-off's verdict, last: passing scenarios do not make a run READY (skipped flows may leave items
 * unrehearsed).
 */
export async function runCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) return helpCommand();
  args = applyModeFlags(args, process.env); // --mode, --confirm-live → REHEARSAL_MODE, REHEARSAL_CONFIRM_LIVE_FLAG
  checkPlaywrightArgs(args);

  const { config, target } = await loadConfiguration(process.env);
  if (!(await passesModeGuard(config, target, process.env))) return 2; // every failed rule printed; nothing runs
  // Installs one if none is there. The Playwright run then picks the binary by the same rules, knowing whether it
  // shows the window (--headed, --debug): the headless shell cannot.
  await ensureBrowser({ verify: false });

  const listOnly = args.includes('--list');
  const paths = reportPaths(process.env, REPO_ROOT);
  if (!listOnly) {
    await rm(paths.allureResults, { recursive: true, force: true });
    console.log(`▸ Clearing the previous results… ✓ ${displayPath(paths.allureResults)}`);
  }

  const runId = chooseRunId(process.env);
  console.log(`▸ Running the scenarios${args.length ? ` (${args.join(' ')})` : ''}… run ${runId}`);
  const env = {
    ...process.env,
    REHEARSAL_RUN_ID: runId, // every worker writes its evidence to reports/<runId>/
  };
  const playwrightArgs = ['test', '--config', join(REPO_ROOT, 'playwright.config.ts'), '--project=scenarios', ...args];
  const startedAt = new Date();
  const runDir = paths.runDir(runId);
  // However Playwright ends (Ctrl-C, SIGTERM, killed, crashed), what this invocation's runs left unfinished in the
  // journal is cleaned up before the report; an interruption and its cleanup lines go to the run folder too.
  const interrupts = await InterruptCleanup.start(process.env, listOnly ? {} : { runDir });
  const exitCode = await interrupts.finish(await runPlaywright(playwrightArgs, { cwd: REPO_ROOT, env }));
  const endedAt = new Date();
  if (listOnly) return exitCode;

  const reportBuilt = await buildReportStep();
  // Also when scenarios failed or preflight stopped the flows: the failed items must show. Not when nothing ran at all.
  const signoff =
    reportBuilt || (await isDirectory(runDir))
      ? await buildAndPrintSignoff({
          runDir,
          runId,
          mode: config.mode,
          target: config.targetName,
          startedAt,
          endedAt,
          ...(reportBuilt ? { allureReportPath: paths.html } : {}),
          logPath: paths.log,
          checklistSkip: config.checklistSkip,
        })
      : undefined;
  // Keys or card numbers that slipped past redaction (traces, logs, the reports, the sign-off) fail the run.
  const leaks = await scanRunArtifacts(paths.reports, displayPath);

  if (signoff) for (const line of signoffFileLines(signoff)) console.log(line);
  console.log(scenariosResultLine(exitCode, leaks));
  // The verdict comes last: it, not the scenarios' result, says whether the integration can go live.
  if (signoff) for (const line of verdictLines(signoff.verdict)) console.log(line);
  const artifactsFailed = !reportBuilt || !signoff || !signoff.pdf || leaks > 0;
  return artifactsFailed ? exitCode || 1 : exitCode;
}

/** What the scenarios' run says, in one line; it claims nothing about the go-live verdict that follows it. */
function scenariosResultLine(exitCode: number, leaks: number): string {
  const scenarios = exitCode === 0 ? 'every scenario that ran passed' : `the scenarios did not pass (Playwright exit code ${exitCode})`;
  if (leaks > 0) return `✗ The run's artifacts hold secrets (see the scan above); ${scenarios}.`;
  return exitCode === 0 ? '✓ Every scenario that ran passed.' : `✗ The scenarios did not pass (Playwright exit code ${exitCode}).`;
}

/** Builds the Allure report; a known report problem is printed in one line and gives false. */
async function buildReportStep(): Promise<boolean> {
  try {
    await buildAndPrintReport();
    return true;
  } catch (error) {
    if (!(error instanceof ReportError)) throw error;
    console.error(
      error.reason === 'no-results'
        ? "No report: the scenarios produced no results (see Playwright's output above for why)."
        : error.message,
    );
    return false;
  }
}

/** REHEARSAL_RUN_ID when it is set and a valid run id (a caller pinning the run folder), else a new one. */
function chooseRunId(env: NodeJS.ProcessEnv): string {
  if (!env.REHEARSAL_RUN_ID?.trim()) return newRunId();
  try {
    return rehearsalRunId(env);
  } catch {
    return newRunId();
  }
}

async function isDirectory(dir: string): Promise<boolean> {
  return (await stat(dir).catch(() => undefined))?.isDirectory() ?? false;
}
