import { createProviderClient } from '../provider/providerClient';
import { ConfigError } from '../../base/configError';
import { cleanUpRun, describeAction, type CleanupSummary } from './cleanUpRun';
import { CleanupJournal, isUnfinished, unfinishedIds, type JournalMode, type RunState } from './cleanupJournal';

export const DEFAULT_PROVIDER_API_BASE = 'https://api.stripe.com';

/** Where cleanup reaches the provider: from the environment (STRIPE_SECRET_KEY, REHEARSAL_PROVIDER_API_BASE). */
export interface CleanupProviderAccess {
  apiBase: string;
  secretKey: string;
  mode: JournalMode;
}

/** The provider access the environment describes; a ConfigError (one line, exit 2) when the key is missing or not Stripe-shaped. */
export function providerAccessFromEnv(env: NodeJS.ProcessEnv): CleanupProviderAccess {
  const secretKey = env.STRIPE_SECRET_KEY?.trim();
  if (!secretKey) {
    throw new ConfigError(
      'STRIPE_SECRET_KEY is not set: set the secret key of the provider account the rehearsal ran against (and REHEARSAL_PROVIDER_API_BASE if it is not https://api.stripe.com), then run `rehearse cleanup` again.',
    );
  }
  const mode = /^(?:sk|rk)_(test|live)_/.exec(secretKey)?.[1] as JournalMode | undefined;
  if (!mode)
    throw new ConfigError(
      'STRIPE_SECRET_KEY is not a Stripe secret key (sk_test_…, sk_live_…, rk_test_… or rk_live_…): set the key of the account to clean up.',
    );
  return { apiBase: normalizeApiBase(env.REHEARSAL_PROVIDER_API_BASE?.trim() || DEFAULT_PROVIDER_API_BASE), secretKey, mode };
}

export function normalizeApiBase(apiBase: string): string {
  try {
    const url = new URL(apiBase);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return apiBase.replace(/\/+$/, '');
  }
}

export interface JournalCleanupResult {
  /** Runs cleaned up (their apiBase is the one given). */
  summaries: CleanupSummary[];
  /** Unfinished runs recorded against another provider API: not touched, so not clean. */
  elsewhere: RunState[];
  /** True when every run at this provider has no unfinished entry left. */
  allClean: boolean;
}

/**
 * Closes the unfinished runs (of the journal, or only `runIds`) that rehearsed the embedded sandbox: it stopped with
 * them, so nothing they made exists anywhere and there is nothing to call. One line each through `log`.
 */
export async function closeEmbeddedSandboxRuns(
  journal: CleanupJournal,
  options: { runIds?: string[]; log: (line: string) => void },
): Promise<RunState[]> {
  const wanted = options.runIds ? new Set(options.runIds) : undefined;
  const runs = (await journal.runs()).filter((run) => run.embeddedSandbox && isUnfinished(run) && (!wanted || wanted.has(run.runId)));
  for (const run of runs) {
    for (const id of unfinishedIds(run)) {
      await journal.append({
        runId: run.runId,
        mode: run.mode,
        apiBase: run.apiBase,
        embeddedSandbox: true,
        kind: 'cleaned',
        id,
        action: 'nothing-to-do',
      });
    }
    options.log(
      `▸ Run ${run.runId} (${run.mode} mode, started ${run.firstAt}): rehearsed the embedded sandbox, which stopped with it; nothing is left anywhere`,
    );
  }
  return runs;
}

/**
 * Stops tracking one run (`rehearse cleanup --forget <runId>`): its unfinished entries are marked `forgotten`, with
 * no provider call, for a run whose provider is gone for good (a sandbox that stopped). Returns how many entries
 * were closed; undefined when the journal has no such run.
 */
export async function forgetRun(journal: CleanupJournal, runId: string): Promise<number | undefined> {
  const run = await journal.run(runId);
  if (!run) return undefined;
  const ids = unfinishedIds(run);
  for (const id of ids) await journal.append({ runId, mode: run.mode, apiBase: run.apiBase, kind: 'cleaned', id, action: 'forgotten' });
  return ids.length;
}

/**
 * Cleans up every unfinished run of the journal (or only `runIds`) recorded against `access.apiBase`, printing one
 * line per action through `log`. Refuses (ConfigError) before any provider call when a run's mode differs from the
 * key's. Runs of the embedded sandbox are left to `closeEmbeddedSandboxRuns`.
 */
export async function cleanUpJournalRuns(
  journal: CleanupJournal,
  access: CleanupProviderAccess,
  options: { runIds?: string[]; log: (line: string) => void },
): Promise<JournalCleanupResult> {
  const wanted = options.runIds ? new Set(options.runIds) : undefined;
  const unfinished = (await journal.runs()).filter(
    (run) => !run.embeddedSandbox && isUnfinished(run) && (!wanted || wanted.has(run.runId)),
  );
  const here = unfinished.filter((run) => normalizeApiBase(run.apiBase) === access.apiBase);
  const elsewhere = unfinished.filter((run) => normalizeApiBase(run.apiBase) !== access.apiBase);

  const otherMode = here.filter((run) => run.mode !== access.mode);
  if (otherMode.length > 0) {
    const mode = otherMode[0]!.mode;
    throw new ConfigError(
      `Refusing to clean up: ${otherMode.length} unfinished ${mode}-mode run(s) at ${access.apiBase} (e.g. ${otherMode[0]!.runId}) but STRIPE_SECRET_KEY is a ${access.mode} key: set the ${mode} secret key of that account.`,
    );
  }

  const summaries: CleanupSummary[] = [];
  if (here.length > 0) {
    const stripe = createProviderClient({ apiBase: access.apiBase, secretKey: access.secretKey });
    for (const run of here) {
      options.log(`▸ Run ${run.runId} (${run.mode} mode, started ${run.firstAt})`);
      const summary = await cleanUpRun(journal, run.runId, stripe, { onAction: (action) => options.log(describeAction(action)) });
      if (summary.nothingToDo) options.log('  · nothing was left at the provider');
      summaries.push(summary);
    }
  }
  const after = (await journal.runs()).filter((run) => here.some((r) => r.runId === run.runId));
  return { summaries, elsewhere, allClean: elsewhere.length === 0 && after.every((run) => !isUnfinished(run)) };
}

/** The closing line: what was done across the runs. */
export function describeTotals(summaries: CleanupSummary[]): string {
  const total = (key: 'refunded' | 'canceled' | 'alreadyClean' | 'failed') => summaries.reduce((sum, s) => sum + s[key], 0);
  const parts = [`${total('refunded')} refunded`, `${total('canceled')} canceled or expired`, `${total('alreadyClean')} already clean`];
  if (total('failed') > 0) parts.push(`${total('failed')} failed`);
  return `${parts.join(', ')} across ${summaries.length} run(s)`;
}

/**
 * What was left alone because it was recorded against another provider API: one line per run (at most `max`), each
 * naming the variable that reaches it. Such runs are unfinished: the caller fails.
 */
export function describeElsewhere(runs: RunState[], access: CleanupProviderAccess, max = 10): string[] {
  const lines = runs
    .slice(0, max)
    .map(
      (run) =>
        `  ✗ skipped run ${run.runId} (${run.mode} mode): recorded against ${run.apiBase}, not ${access.apiBase}; ` +
        `to reach it set REHEARSAL_PROVIDER_API_BASE=${run.apiBase} and that account's ${run.mode} STRIPE_SECRET_KEY`,
    );
  if (runs.length > max) lines.push(`  ✗ … and ${runs.length - max} more run(s) recorded against other provider APIs`);
  return lines;
}
