import { config as loadDotenv } from 'dotenv';
import { join } from 'node:path';
import {
  cleanUpJournalRuns,
  describeElsewhere,
  describeTotals,
  providerAccessFromEnv,
} from '../../cleanup/cleanUpJournalRuns';
import { CleanupJournal } from '../../cleanup/cleanupJournal';
import { displayPath } from '../displayPath';
import { UsageError } from '../errors';
import { REPO_ROOT } from '../repoRoot';

export const CLEANUP_HELP = `Usage: rehearse cleanup

Refunds every unrefunded charge and cancels every subscription that an interrupted rehearsal left behind, for
every run in the cleanup journal (<REHEARSAL_STATE_DIR>/cleanup-journal.jsonl, default .rehearsal/) with
unfinished entries. Safe to run twice: a second run reports nothing to do.

Environment (or .env): STRIPE_SECRET_KEY (the account's secret key; its mode must match the runs'),
REHEARSAL_PROVIDER_API_BASE (default https://api.stripe.com), REHEARSAL_STATE_DIR.
Exit code: 0 when everything is clean, 1 when something could not be undone, 2 for missing or mismatched keys.`;

/** `rehearse cleanup`: finishes the cleanup of every run the journal says is unfinished. */
export async function cleanupCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(CLEANUP_HELP);
    return 0;
  }
  if (args.length > 0) throw new UsageError(`rehearse cleanup takes no arguments (got ${args[0]}). Run \`rehearse cleanup --help\`.`);
  loadDotenv({ path: join(REPO_ROOT, '.env'), processEnv: process.env as Record<string, string>, override: false, quiet: true });

  const access = providerAccessFromEnv(process.env);
  const journal = CleanupJournal.fromEnv(process.env);
  const log = (line: string) => console.log(line);
  const result = await cleanUpJournalRuns(journal, access, { log });
  for (const line of describeElsewhere(result.elsewhere, access)) log(line);

  if (result.summaries.length === 0) {
    log(`✓ Nothing to do: no run in ${displayPath(journal.file)} has unfinished entries at ${access.apiBase}.`);
    return 0;
  }
  if (result.allClean) {
    log(`✓ Cleanup done: ${describeTotals(result.summaries)}.`);
    return 0;
  }
  log(`✗ Cleanup incomplete: ${describeTotals(result.summaries)}; fix what the lines above say and run \`rehearse cleanup\` again.`);
  return 1;
}
