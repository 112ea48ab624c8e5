import { CHECKLIST } from '../../src/model/checklist/catalogue';
import { redactText } from '../../src/base/redact';
import type { FaultDetection } from './faultDetections';
import { plainText, runScenarioFilesInChildProcess } from './runScenarioInChildProcess';

/** One row of the detection table. */
export interface DetectionOutcome {
  /** The fault switched on, or "control" for the correct sandbox. */
  fault: string;
  specFiles: string[];
  /** The child run failed (for the control: it passed). */
  caught: boolean;
  /**
   * Where it failed: "preflight" or the failing step's number and the checklist items it fails (those of its failed
   * assertion when it was tagged with them, else every item of the step).
   */
  by: string;
  /** It failed where the map says, naming what the map says. */
  asExpected: boolean;
  /** The failure's first line, redacted ('' when the run passed). */
  message: string;
  durationMs: number;
}

/** Runs the scenario(s) against a sandbox with the fault on, and says whether, where and how the rehearsal failed. */
export async function detectFault(fault: string, detection: FaultDetection, eventTimeoutMs: number): Promise<DetectionOutcome> {
  const started = Date.now();
  const run = await runScenarioFilesInChildProcess({
    specFiles: detection.specFiles,
    grep: detection.grep,
    faults: fault === 'control' ? [] : [fault],
    eventTimeoutMs,
    noDeps: detection.noDeps,
    ...(detection.platform ? { env: platformEnv(detection.platform) } : {}),
  });
  const durationMs = Date.now() - started;
  const failedSetup = run.setupTests.find((t) => t.result.status !== 'passed' && t.result.status !== 'skipped');
  if (failedSetup) {
    const full = plainText(failedSetup.result.error?.message);
    const items = CHECKLIST.filter((item) => full.includes(item.title)).map((item) => item.id);
    const guard = items.length === 0 && run.preflightResults.length === 0;
    return {
      fault,
      specFiles: detection.specFiles,
      caught: true,
      durationMs,
      by: guard ? 'the mode guard, before preflight' : `preflight (${items.join(', ') || 'no item named'})`,
      asExpected:
        !detection.step &&
        (guard ? detection.modeGuard === true : items.some((id) => id === detection.checklistItem)) &&
        full.includes(detection.message),
      message: firstLine(preflightProblem(full)),
    };
  }
  const failedStep = run.flowRecords.flatMap((record) => record.steps).find((step) => step.status === 'failed');
  const failedTest = run.tests.find((t) => t.result.status !== 'passed' && t.result.status !== 'skipped');
  const warning = run.preflightResults.find((result) => result.status === 'failed' && result.item === detection.checklistItem);
  if (!failedStep && !failedTest && run.exitCode === 0 && warning && detection.warningOnly) {
    // A warning item never stops a run: the preflight report and the sign-off name it, so the run itself passes.
    return {
      fault,
      specFiles: detection.specFiles,
      caught: true,
      durationMs,
      by: `preflight warning (${warning.item})`,
      asExpected: warning.summary.includes(detection.message),
      message: firstLine(warning.summary),
    };
  }
  if (!failedStep && !failedTest && run.exitCode === 0) {
    return { fault, specFiles: detection.specFiles, caught: false, by: '', asExpected: fault === 'control', message: '', durationMs };
  }
  const message = failedStep?.error ?? plainText(failedTest?.result.error?.message) ?? run.stderrTail;
  const stepNumber = failedStep?.title.split(' ')[0] ?? '';
  const failedItems = failedStep?.failedItems ?? failedStep?.checklist ?? [];
  return {
    fault,
    specFiles: detection.specFiles,
    caught: true,
    durationMs,
    by: failedStep ? `step ${stepNumber} (${failedItems.join(', ') || 'no checklist item'})` : 'the test, outside a checklist step',
    asExpected:
      stepNumber === detection.step &&
      failedItems.some((id) => id === detection.checklistItem) &&
      plainText(failedTest?.result.error?.message ?? message).includes(detection.message),
    message: firstLine(message),
  };
}

/** The child run's demo sandbox runs `platform`, and the harness picks its adapter. */
function platformEnv(platform: string): NodeJS.ProcessEnv {
  return { SANDBOX_REFERRAL_PLATFORM: platform, REFERRAL_PLATFORM: platform };
}

function firstLine(text: string): string {
  const line =
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l && l !== 'Error:') ?? '';
  return redactText(line.replace(/^Error: /, '')).slice(0, 300);
}

/** The preflight failure's first named problem ("  - <item title> — <why>"), else its first line. */
function preflightProblem(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => line.trim().startsWith('- '))
      ?.trim()
      .slice(2) ?? text
  );
}
