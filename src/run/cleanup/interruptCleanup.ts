import { ConfigError } from '../../base/configError';
import { writeInterruption, type Interruption } from '../evidence/interruption';
import {
  cleanUpJournalRuns,
  closeEmbeddedSandboxRuns,
  describeElsewhere,
  describeTotals,
  providerAccessFromEnv,
} from './cleanUpJournalRuns';
import { CleanupJournal, isUnfinished } from './cleanupJournal';

const EXIT_CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };
/** Playwright's own endings: 0 every test passed, 1 some failed. Anything else (a signal, a crash) is abnormal. */
const PLAYWRIGHT_FINISHED = new Set([0, 1]);

type CleanupOutcome = Interruption['cleanupOutcome'];

/** How the Playwright process ended (runPlaywright's answer). */
export interface PlaywrightExit {
  exitCode: number;
  /** The signal that ended it, when one did. */
  signal?: NodeJS.Signals;
}

/**
 * `rehearse run`'s safety net around Playwright. Started before Playwright: notes where the journal ends (the runs
 * journaled after that are this invocation's) and traps SIGINT/SIGTERM so this process outlives Playwright (which
 * gets them through runPlaywright). When Playwright has ended, `finish` cleans up whatever this invocation's runs
 * left unfinished in the journal, however Playwright ended:
 * - a signal to `rehearse` (Ctrl-C, a CI runner's cancel, SIGTERM): cleanup, then exit 130 / 143;
 * - Playwright itself killed or crashed (OOM, SIGKILL of the child): cleanup, then Playwright's code (never 0);
 * - Playwright finished but a test's own cleanup left something: cleanup, then Playwright's code (1 if it was 0
 *   and something is still left).
 * After an interruption the lines it printed are also written to the run folder (`interruption.json`), for the sign-off.
 */
export class InterruptCleanup {
  private signal: NodeJS.Signals | undefined;
  private cleaning = false;
  private readonly onSignal = (signal: NodeJS.Signals) => {
    if (this.cleaning) {
      console.error(`${signal} again during cleanup: stopping; run \`npx rehearse cleanup\` to finish it.`);
      process.exit(EXIT_CODES[signal] ?? 1);
    }
    this.signal ??= signal;
  };

  private constructor(
    private readonly journal: CleanupJournal,
    private readonly offset: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly runDir: string | undefined,
  ) {
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
  }

  /** `runDir`: the run folder the interruption's record goes to (none: the console only). */
  static async start(env: NodeJS.ProcessEnv = process.env, options: { runDir?: string } = {}): Promise<InterruptCleanup> {
    const journal = CleanupJournal.fromEnv(env);
    return new InterruptCleanup(journal, await journal.size(), env, options.runDir);
  }

  /** After Playwright ended: cleans up what this invocation left unfinished and returns the exit code to use. */
  async finish(exit: PlaywrightExit, log: (line: string) => void = (line) => console.log(line)): Promise<number> {
    const signal = this.signal;
    const cause: Interruption['cause'] | undefined = signal
      ? 'signal'
      : exit.signal || !PLAYWRIGHT_FINISHED.has(exit.exitCode)
        ? 'playwright-died'
        : undefined;
    const lines: string[] = [];
    const say = (line: string) => {
      lines.push(line);
      log(line);
    };
    this.cleaning = true;
    let outcome: CleanupOutcome;
    try {
      outcome = await this.cleanUp(cause, exit, say);
    } catch (error) {
      say(`  ✗ cleanup failed: ${(error as Error).message.split('\n')[0]}; run \`npx rehearse cleanup\` to finish it.`);
      outcome = 'failed';
    } finally {
      this.release();
    }
    if (cause && this.runDir) {
      const interruption: Interruption = {
        cause,
        ...((signal ?? exit.signal) ? { signal: signal ?? exit.signal } : {}),
        playwrightExitCode: exit.exitCode,
        at: new Date().toISOString(),
        cleanupLines: lines,
        cleanupOutcome: outcome,
      };
      await writeInterruption(this.runDir, interruption).catch((error: Error) =>
        log(`  ✗ could not write the interruption to the run folder: ${error.message.split('\n')[0]}`),
      );
    }
    if (signal) return EXIT_CODES[signal] ?? 1;
    const leftBehind = outcome === 'incomplete' || outcome === 'failed';
    return exit.exitCode === 0 && leftBehind ? 1 : exit.exitCode;
  }

  private release(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }

  private async cleanUp(
    cause: Interruption['cause'] | undefined,
    exit: PlaywrightExit,
    say: (line: string) => void,
  ): Promise<CleanupOutcome> {
    const runIds = [...new Set(await this.journal.runIdsSince(this.offset))];
    const unfinished = (await this.journal.runs()).filter((run) => runIds.includes(run.runId) && isUnfinished(run));
    if (!cause && unfinished.length === 0) return 'nothing'; // the usual end: every test cleaned up after itself

    say(`▸ ${describeEnding(cause, this.signal, exit, unfinished.length)}: cleaning up what this rehearsal left at the provider…`);
    if (unfinished.length === 0) {
      say(`  ✓ nothing to clean up (${runIds.length} run(s) journaled, none left anything behind)`);
      return 'nothing';
    }
    const ids = unfinished.map((run) => run.runId);
    const embedded = await closeEmbeddedSandboxRuns(this.journal, { runIds: ids, log: (line) => say(`  ${line.replace(/^▸ /, '· ')}`) });
    if (embedded.length === unfinished.length) return 'nothing';

    let access;
    try {
      access = providerAccessFromEnv(this.env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      say(`  ✗ ${error.message}`);
      return 'failed';
    }
    const result = await cleanUpJournalRuns(this.journal, access, { runIds: ids, log: say });
    for (const line of describeElsewhere(result.elsewhere, access)) say(line);
    if (result.allClean) {
      say(`  ✓ cleanup done: ${describeTotals(result.summaries)}`);
      return 'done';
    }
    say(`  ✗ cleanup incomplete: ${describeTotals(result.summaries)}; money may be left behind: run \`npx rehearse cleanup\``);
    return 'incomplete';
  }
}

/** Why cleanup runs now, in words: the first line the operator reads after the run's own output. */
function describeEnding(
  cause: Interruption['cause'] | undefined,
  signal: NodeJS.Signals | undefined,
  exit: PlaywrightExit,
  unfinished: number,
): string {
  if (cause === 'signal') return `Interrupted (${signal})`;
  if (cause === 'playwright-died') {
    return exit.signal ? `Playwright was killed (${exit.signal})` : `Playwright ended abnormally (exit code ${exit.exitCode})`;
  }
  return `The rehearsal ended with ${unfinished} run(s) not cleaned up`;
}
