import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ChecklistItemId } from '../../model/checklist/catalogue';
import { loadRehearsal } from '../../model/config/loadRehearsal';
import { scanRunArtifacts } from '../../guards/leakScan/runLeakScan';
import { buildReport } from '../../reporting/report/buildReport';
import { reportPaths } from '../../reporting/report/reportPaths';
import { formatSummary } from '../../reporting/report/resultsSummary';
import { rehearsalRunId } from '../../base/runId';
import { buildSignoff, type BuildSignoffOptions, type BuiltSignoff } from '../../reporting/signoff/buildSignoff';
import { latestRunDir, recordedRunFacts } from '../../reporting/signoff/runDirectory';
import { signoffSummaryLines } from '../../reporting/signoff/signoffLines';
import { firstLine } from '../../reporting/signoff/text';
import { REPO_ROOT } from '../repoRoot';
import { UsageError } from '../errors';
import { displayPath } from '../displayPath';

/**
 * `rehearse report [--run <runId>]` / `npm run report`: rebuilds the single-file HTML report from the last run's
 * Allure results, then the sign-off of the latest run folder (or of `--run`), then scans everything under the reports
 * folder for keys and card numbers, as `rehearse run` does: the HTML reports inline whatever the results hold (a
 * trace recorded with `--trace on`, say). Exit 1 when the sign-off could not be built completely or the scan found a
 * secret (one line per hit, naming the file and the kind of secret, never the secret).
 */
export async function reportCommand(args: string[]): Promise<number> {
  const runId = parseRunOption(args);
  const paths = reportPaths(process.env, REPO_ROOT);
  await buildAndPrintReport();
  const signoff = await signoffOf(runId, paths);
  const leaks = await scanRunArtifacts(paths.reports, displayPath);
  if (signoff) for (const line of signoffSummaryLines(signoff)) console.log(line);
  return signoff?.pdf && leaks === 0 ? 0 : 1;
}

/** Builds the sign-off of `--run`'s folder or the latest one; undefined (the reason printed) when there is none or it failed. */
async function signoffOf(runId: string | undefined, paths: ReturnType<typeof reportPaths>): Promise<BuiltSignoff | undefined> {
  const runDir = runId ? paths.runDir(runId) : await latestRunDir(paths.reports);
  if (!runDir || !(await isDirectory(runDir))) {
    console.error(
      runId
        ? `No sign-off: there is no run folder ${displayPath(paths.runDir(runId))}; give the id of a run under ${displayPath(paths.reports)}.`
        : `No sign-off: no run folder with evidence under ${displayPath(paths.reports)}; run the rehearsal first (npm run rehearse).`,
    );
    return undefined;
  }
  const facts = await recordedRunFacts(runDir);
  const fallback = await configFallback();
  return buildAndPrintSignoff({
    runDir,
    runId: path.basename(runDir),
    mode: facts.mode ?? fallback.mode,
    target: facts.target ?? fallback.target,
    ...(facts.operator ? { operator: facts.operator } : {}),
    ...(facts.gitCommit ? { gitCommit: facts.gitCommit } : {}),
    startedAt: facts.startedAt ?? new Date(),
    endedAt: facts.endedAt ?? facts.startedAt ?? new Date(),
    allureReportPath: paths.html,
    logPath: paths.log,
    checklistSkip: fallback.checklistSkip,
  });
}

/** Shared with `run`: builds the report, then prints "Report: <path>" and the result counts. */
export async function buildAndPrintReport(): Promise<void> {
  const paths = reportPaths(process.env, REPO_ROOT);
  process.stdout.write(`▸ Building the report from ${displayPath(paths.allureResults)}… `);
  try {
    const built = await buildReport({ resultsDir: paths.allureResults, htmlPath: paths.html });
    console.log('✓');
    console.log(`Report: ${built.htmlPath}`);
    if (built.summary) console.log(`Scenarios: ${formatSummary(built.summary)}`);
  } catch (error) {
    console.log('✗');
    throw error;
  }
}

/**
 * Shared with `run`: builds the sign-off of one run folder, printing one progress line. A failure is printed in one
 * line (the Allure report is untouched) and gives undefined; the caller prints `signoffSummaryLines` when it is done.
 */
export async function buildAndPrintSignoff(options: BuildSignoffOptions): Promise<BuiltSignoff | undefined> {
  process.stdout.write(`▸ Building the sign-off in ${displayPath(options.runDir)}… `);
  try {
    const built = await buildSignoff(options);
    console.log(built.pdf ? '✓' : '✗ (no PDF)');
    return built;
  } catch (error) {
    console.log('✗');
    const why = firstLine(error instanceof Error ? error.message : String(error)) ?? 'unknown error';
    console.error(
      `Could not build the sign-off in ${displayPath(options.runDir)} (${why}); the Allure report is unaffected: fix this, then run \`rehearse report\`.`,
    );
    return undefined;
  }
}

function parseRunOption(args: string[]): string | undefined {
  let runId: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (arg === '--run') {
      runId = args[index + 1];
      if (runId === undefined || runId.startsWith('-'))
        throw new UsageError('--run needs a run id, e.g. rehearse report --run rh-20261123-174512-a1b2c3.');
      index += 1;
    } else if (arg.startsWith('--run=')) {
      runId = arg.slice('--run='.length);
    } else {
      throw new UsageError(`Unknown command ${arg}. Run \`rehearse --help\` for the list.`);
    }
  }
  if (runId === undefined) return undefined;
  try {
    return rehearsalRunId({ REHEARSAL_RUN_ID: runId });
  } catch {
    throw new UsageError(
      `--run ${runId} is not a run id: use the name of a folder under reports/ (letters, digits, dots, dashes, underscores).`,
    );
  }
}

/**
 * From the configuration: the mode and target, for a run folder that recorded neither, and the checklist items
 * rehearsal.config.ts skips (shown skipped with that reason).
 */
async function configFallback(): Promise<{ mode: string; target: string; checklistSkip: ChecklistItemId[] }> {
  try {
    const config = await loadRehearsal(process.env, {
      envFile: path.join(REPO_ROOT, '.env'),
      targetsDir: path.join(REPO_ROOT, 'targets'),
      configFile: path.join(REPO_ROOT, 'rehearsal.config.ts'),
    });
    return { mode: config.mode, target: config.targetName, checklistSkip: config.checklistSkip };
  } catch {
    return { mode: 'unknown', target: 'unknown', checklistSkip: [] };
  }
}

async function isDirectory(dir: string): Promise<boolean> {
  return (await stat(dir).catch(() => undefined))?.isDirectory() ?? false;
}
