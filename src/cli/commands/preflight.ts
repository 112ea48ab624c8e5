import { chromium } from '@playwright/test';
import { ensureBrowser } from '../../run/browser/ensureBrowser';
import { OFFLINE_CHROMIUM_ARGS } from '../../run/browser/chromiumFlags';
import type { CheckResult, PreflightReport } from '../../model/checklist/types';
import type { RehearsalSettings } from '../../model/config/loadRehearsal';
import { redactText } from '../../base/redact';
import { blockingFailures, formatPreflightLines, runPreflight, writePreflightReport } from '../../guards/preflight/index';
import { runsReferralProgramme } from '../../model/target/referralProgramme';
import { referralPlatformFor } from '../../run/referral/referralPlatformFor';
import { reportPaths } from '../../reporting/report/reportPaths';
import { newRunId, rehearsalRunId } from '../../base/runId';
import { recordRehearsedSystem } from '../../reporting/signoff/runFacts';
import type { Target } from '../../model/target/contract';
import { rehearsedSystem } from '../../model/target/rehearsedSystem';
import { displayPath } from '../displayPath';
import { UsageError } from '../errors';
import { loadConfiguration } from '../loadConfiguration';
import { applyModeFlags } from '../modeFlags';
import { passesModeGuard } from '../modeGuardStep';
import { REPO_ROOT } from '../repoRoot';

export const PREFLIGHT_HELP = `Usage: rehearse preflight [--mode test|live] [--confirm-live]

Checks the go-live checklist items no browser flow covers: the keys and their mode, the pinned API version,
request ids, the catalogue's prices, the webhook endpoints (registered, HTTPS, answering, verifying signatures
and mode), secret keys in the customer's pages, the tracking snippet key and the commission rule.
Prints one line per checklist item and writes reports/<run id>/evidence/preflight.json.

Options:
  --mode test|live          The mode to check (wins over REHEARSAL_MODE)
  --confirm-live            Confirm a live check (the live guard's other rules apply too)

Exit code: 0 when no blocking item failed, 1 when one did, 2 for a wrong command line or configuration.`;

const SYMBOLS: Record<CheckResult['status'], string> = { passed: '✓', failed: '✗', warning: '!', skipped: '–' };

/** `rehearse preflight`: runs every preflight check against the configured target and writes the report. */
export async function preflightCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(PREFLIGHT_HELP);
    return 0;
  }
  const rest = applyModeFlags(args, process.env); // --mode, --confirm-live → REHEARSAL_MODE, REHEARSAL_CONFIRM_LIVE_FLAG
  if (rest.length > 0) {
    throw new UsageError(
      `rehearse preflight takes only --mode test|live and --confirm-live (got ${rest[0]}). Run \`rehearse preflight --help\`.`,
    );
  }
  const { config, target } = await loadConfiguration(process.env);
  if (!(await passesModeGuard(config, target, process.env))) return 2; // every failed rule printed; nothing checked
  const browser = await ensureBrowser({ verify: false });
  const runId = process.env.REHEARSAL_RUN_ID?.trim() ? rehearsalRunId(process.env) : newRunId();

  const report = await preflightOnTarget(config, target, runId, browser.executablePath);
  console.log('');
  for (const line of formatPreflightLines(report)) console.log(line);
  const file = await writePreflightReport(reportPaths(process.env, REPO_ROOT).runDir(runId), report);
  console.log('');
  console.log(`▸ Preflight report: ${displayPath(file)}`);

  const blocking = blockingFailures(report);
  if (blocking.length > 0) {
    const items = new Set(blocking.map((result) => result.item)).size;
    console.log(
      `✗ Preflight did not pass: ${items} blocking checklist item${items === 1 ? '' : 's'} failed; fix ${items === 1 ? 'it' : 'them'} before going live.`,
    );
    return 1;
  }
  console.log('✓ Preflight passed: no blocking checklist item failed.');
  return 0;
}

/**
 * Connects the target (the demo starts its sandbox), records which system it is in the run folder, runs every
 * check with a headless Chromium, releases both.
 * Checks of the items rehearsal.config.ts skips do not run.
 */
async function preflightOnTarget(
  config: RehearsalSettings,
  target: Target,
  runId: string,
  executablePath: string | undefined,
): Promise<PreflightReport> {
  console.log(`▸ Connecting to target ${target.name}…`);
  const environment = await target.connect({ workerIndex: 0, env: process.env });
  try {
    // A sign-off built of this run folder (`rehearse report --run`) names the system that was checked.
    await recordRehearsedSystem(reportPaths(process.env, REPO_ROOT).runDir(runId), rehearsedSystem(environment));
    const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: OFFLINE_CHROMIUM_ARGS });
    try {
      console.log(`▸ Running the preflight checks (run ${runId})…`);
      return await runPreflight({
        target,
        environment,
        mode: config.mode,
        runId,
        browser,
        skipItems: config.checklistSkip,
        // A payment-only merchant (capabilities.referralProgramme: false) has none: its referral checks do not run.
        ...(runsReferralProgramme(target) ? { referral: referralPlatformFor(target, environment, config.referralPlatform) } : {}),
        onResult: (result) =>
          console.log(redactText(`  ${SYMBOLS[result.status]} ${result.check} (${result.item}, ${result.durationMs} ms)`)),
      });
    } finally {
      await browser.close();
    }
  } finally {
    await environment.release();
  }
}
