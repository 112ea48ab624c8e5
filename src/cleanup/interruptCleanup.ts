import { ConfigError } from '../config/configError';
import { cleanUpJournalRuns, describeElsewhere, describeTotals, normalizeApiBase, providerAccessFromEnv } from './cleanUpJournalRuns';
import { CleanupJournal, isUnfinished } from './cleanupJournal';

const EXIT_CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * `rehearse run`'s Ctrl-C / SIGTERM handling. Started before Playwright: notes where the journal ends (the runs
 * journaled after that are this invocation's) and traps the signals so this process outlives Playwright. The
 * terminal's Ctrl-C reaches Playwright itself and SIGTERM is forwarded to it (runPlaywright), so Playwright stops
 * on its own; `finish` then cleans up this invocation's runs and returns 130 / 143.
 */
export class InterruptCleanup {
  private signal: NodeJS.Signals | undefined;
  private cleaning = false;
  private readonly onSignal = (signal: NodeJS.Signals) => {
    if (this.cleaning) {
      console.error(`${signal} again during cleanup: stopping; run \`rehearse cleanup\` to finish it.`);
      process.exit(EXIT_CODES[signal] ?? 1);
    }
    this.signal ??= signal;
  };

  private constructor(
    private readonly journal: CleanupJournal,
    private readonly offset: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
  }

  static async start(env: NodeJS.ProcessEnv = process.env): Promise<InterruptCleanup> {
    const journal = CleanupJournal.fromEnv(env);
    return new InterruptCleanup(journal, await journal.size(), env);
  }

  /** After Playwright exited: when a signal came, cleans up and returns 130/143; otherwise Playwright's own code. */
  async finish(playwrightExitCode: number, log: (line: string) => void = (line) => console.log(line)): Promise<number> {
    const signal = this.signal;
    if (!signal) {
      this.release();
      return playwrightExitCode;
    }
    this.cleaning = true;
    try {
      await this.cleanUp(signal, log);
    } catch (error) {
      log(`✗ Cleanup after ${signal} failed: ${(error as Error).message.split('\n')[0]}; run \`rehearse cleanup\` to finish it.`);
    } finally {
      this.release();
    }
    return EXIT_CODES[signal] ?? 1;
  }

  private release(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }

  private async cleanUp(signal: NodeJS.Signals, log: (line: string) => void): Promise<void> {
    log(`▸ Interrupted (${signal}): cleaning up what this rehearsal left at the provider…`);
    const runIds = new Set(await this.journal.runIdsSince(this.offset));
    const unfinished = (await this.journal.runs()).filter((run) => runIds.has(run.runId) && isUnfinished(run));
    if (unfinished.length === 0) {
      log(`  ✓ nothing to clean up (${runIds.size} run(s) journaled, none left anything behind)`);
      return;
    }
    let access;
    try {
      access = providerAccessFromEnv(this.env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      if (!this.env.REHEARSAL_MERCHANT_URL?.trim() && unfinished.every((run) => isLoopback(run.apiBase))) {
        log(`  ✓ nothing to clean up: the ${unfinished.length} interrupted run(s) used the embedded sandbox, which stopped with them`);
        return;
      }
      log(`  ✗ ${error.message}`);
      return;
    }
    const result = await cleanUpJournalRuns(this.journal, access, { runIds: unfinished.map((run) => run.runId), log });
    for (const line of describeElsewhere(result.elsewhere, access)) log(line);
    if (result.summaries.length > 0) {
      log(result.allClean ? `  ✓ cleanup done: ${describeTotals(result.summaries)}` : `  ✗ cleanup incomplete: ${describeTotals(result.summaries)}; run \`rehearse cleanup\``);
    }
  }
}

function isLoopback(apiBase: string): boolean {
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(normalizeApiBase(apiBase)).hostname);
  } catch {
    return false;
  }
}
