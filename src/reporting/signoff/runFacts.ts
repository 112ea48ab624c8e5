import { execFile } from 'node:child_process';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { reportPaths } from '../report/reportPaths';
import { rehearsalRunId } from '../../base/runId';
import type { RehearsedSystem } from '../../model/target/rehearsedSystem';

/** The commit the harness ran from (`git rev-parse HEAD` in `cwd`); 'unknown' when it is not a git checkout or git is absent. */
export function currentGitCommit(cwd: string): Promise<string> {
  return new Promise((resolve) => {
    execFile('git', ['rev-parse', 'HEAD'], { cwd, timeout: 10_000 }, (error, stdout) => {
      const commit = stdout?.toString().trim() ?? '';
      resolve(!error && /^[0-9a-f]{40,64}$/.test(commit) ? commit : 'unknown');
    });
  });
}

/** Who ran the rehearsal: REHEARSAL_OPERATOR, else the OS user name, else 'unknown'. */
export function currentOperator(env: NodeJS.ProcessEnv = process.env): string {
  const named = env.REHEARSAL_OPERATOR?.trim();
  if (named) return named;
  try {
    return userInfo().username || 'unknown';
  } catch {
    return env.USER || env.USERNAME || 'unknown';
  }
}

/** Where a run records which system it rehearsed (relative to its run directory); the sign-off's header shows it. */
export const REHEARSED_SYSTEM_FILE = 'evidence/rehearsed-system.json';

/**
 * Records which system the run rehearses in `<runDir>/evidence/rehearsed-system.json`. Every worker of a run writes
 * the same words: written to a file of this process, then renamed over the record, so a reader never sees half.
 */
export async function recordRehearsedSystem(runDir: string, system: RehearsedSystem): Promise<void> {
  const file = path.join(runDir, REHEARSED_SYSTEM_FILE);
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, `${JSON.stringify({ kind: system.kind, description: system.description }, null, 2)}\n`, 'utf8');
  await rename(partial, file);
}

/** `recordRehearsedSystem` into the run REHEARSAL_RUN_ID names; nothing when there is no valid run id. */
export async function recordRehearsedSystemOfThisRun(system: RehearsedSystem, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let runDir: string;
  try {
    runDir = reportPaths(env).runDir(rehearsalRunId(env));
  } catch {
    return;
  }
  await recordRehearsedSystem(runDir, system);
}

/** The system the run recorded it rehearsed; undefined when it recorded none (or the record is unreadable). */
export async function recordedRehearsedSystem(runDir: string): Promise<RehearsedSystem | undefined> {
  const parsed = await readFile(path.join(runDir, REHEARSED_SYSTEM_FILE), 'utf8')
    .then((text) => JSON.parse(text) as Partial<RehearsedSystem>)
    .catch(() => undefined);
  if (!parsed || (parsed.kind !== 'embedded-sandbox' && parsed.kind !== 'your-site') || typeof parsed.description !== 'string')
    return undefined;
  return { kind: parsed.kind, description: parsed.description };
}
