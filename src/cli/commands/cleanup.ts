import { join } from 'node:path';
import {
  cleanUpJournalRuns,
  closeEmbeddedSandboxRuns,
  describeElsewhere,
  describeTotals,
  forgetRun,
  providerAccessFromEnv,
} from '../../run/cleanup/cleanUpJournalRuns';
import { CleanupJournal } from '../../run/cleanup/cleanupJournal';
import { fillFromEnvironmentFiles } from '../../model/config/environmentFiles';
import { loadConfigFile } from '../../model/config/loadConfigFile';
import { displayPath } from '../displayPath';
import { UsageError } from '../errors';
import { REPO_ROOT } from '../repoRoot';

export const CLEANUP_HELP = `Usage: rehearse cleanup [--forget <runId>]

Refunds every unrefunded charge and cancels every subscription that an interrupted rehearsal left behind, for
every run in the cleanup journal (<REHEARSAL_STATE_DIR>/cleanup-journal.jsonl, default .rehearsal/) with
unfinished entries. Safe to run twice: a second run reports nothing to do. Runs of the embedded sandbox are closed
without a call (it stopped with them). Runs recorded against another provider API are named, with the variable
that reaches them, and not touched.

Environment (or the chosen target's targets/<name>/.env, or .env): STRIPE_SECRET_KEY (the account's secret key; its mode must match the runs'),
REHEARSAL_PROVIDER_API_BASE (default https://api.stripe.com), REHEARSAL_STATE_DIR.

--forget <runId>  stop tracking one run whose provider is gone for good (e.g. a sandbox that has stopped): its
                  unfinished entries are closed without calling anything. Never use it for a real account: check
                  that account's dashboard first.
Exit code: 0 when every run in the journal is clean, 1 when something could not be undone or an unfinished run was
skipped (recorded against another provider API), 2 for missing or mismatched keys.`;

/** `rehearse cleanup`: finishes the cleanup of every run the journal says is unfinished. */
export async function cleanupCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(CLEANUP_HELP);
    return 0;
  }
  const forget = forgetArgument(args);
  // As a rehearsal reads them: the environment, then the chosen target's own .env, then the project's.
  const { target: configTarget } = await loadConfigFile(join(REPO_ROOT, 'rehearsal.config.ts'));
  fillFromEnvironmentFiles(process.env, {
    projectEnvFile: join(REPO_ROOT, '.env'),
    targetsDir: join(REPO_ROOT, 'targets'),
    ...(configTarget !== undefined ? { configTarget } : {}),
  });

  const journal = CleanupJournal.fromEnv(process.env);
  const log = (line: string) => console.log(line);
  if (forget !== undefined) {
    const closed = await forgetRun(journal, forget);
    if (closed === undefined)
      throw new UsageError(`No run ${forget} in ${displayPath(journal.file)}: name a run that \`rehearse cleanup\` listed.`);
    log(
      `✓ Forgot run ${forget}: ${closed} unfinished entr${closed === 1 ? 'y is' : 'ies are'} no longer tracked; nothing was refunded or canceled.`,
    );
    return 0;
  }
  const closed = await closeEmbeddedSandboxRuns(journal, { log });
  const access = providerAccessFromEnv(process.env);
  const result = await cleanUpJournalRuns(journal, access, { log });
  for (const line of describeElsewhere(result.elsewhere, access)) log(line);

  if (result.elsewhere.length > 0) {
    const done = result.summaries.length > 0 ? `${describeTotals(result.summaries)}; ` : '';
    log(
      `✗ Cleanup incomplete: ${done}${result.elsewhere.length} unfinished run(s) recorded against another provider API were skipped ` +
        '(above): set the variables named there and run `rehearse cleanup` again.',
    );
    return 1;
  }
  if (result.summaries.length === 0) {
    const embedded = closed.length > 0 ? ` (${closed.length} embedded-sandbox run(s) closed)` : '';
    log(`✓ Nothing to do: no run in ${displayPath(journal.file)} has unfinished entries${embedded}.`);
    return 0;
  }
  if (result.allClean) {
    log(`✓ Cleanup done: ${describeTotals(result.summaries)}.`);
    return 0;
  }
  log(`✗ Cleanup incomplete: ${describeTotals(result.summaries)}; fix what the lines above say and run \`rehearse cleanup\` again.`);
  return 1;
}

/** `--forget <runId>` (or `--forget=<runId>`), the only argument `rehearse cleanup` takes. */
function forgetArgument(args: string[]): string | undefined {
  if (args.length === 0) return undefined;
  const [first, second] = args;
  const inline = first?.startsWith('--forget=') ? first.slice('--forget='.length) : undefined;
  const runId = inline ?? (first === '--forget' ? second : undefined);
  const expected = inline !== undefined ? 1 : 2;
  if (!runId || args.length !== expected) {
    throw new UsageError(`rehearse cleanup takes only --forget <runId> (got ${args.join(' ')}). Run \`rehearse cleanup --help\`.`);
  }
  return runId;
}
