import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { readRunEvidence } from './readRunEvidence';

/**
 * The newest run directory under the reports folder: a directory holding `evidence/`, the one whose evidence
 * changed last (ties: the greater name; run ids sort by time). Undefined when there is none.
 */
export async function latestRunDir(reportsDir: string): Promise<string | undefined> {
  const names = await readdir(reportsDir).catch(() => [] as string[]);
  let best: { dir: string; changed: number } | undefined;
  for (const name of names.sort()) {
    const dir = path.join(reportsDir, name);
    const evidence = await stat(path.join(dir, 'evidence')).catch(() => undefined);
    if (!evidence?.isDirectory()) continue;
    const changed = Math.max(evidence.mtimeMs, await newestMtime(path.join(dir, 'evidence')));
    if (!best || changed >= best.changed) best = { dir, changed };
  }
  return best?.dir;
}

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const child = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestMtime(child) : ((await stat(child).catch(() => undefined))?.mtimeMs ?? 0));
  }
  return newest;
}

/** What is known of a finished run when its sign-off is rebuilt later (`rehearse report`). */
export interface RecordedRunFacts {
  mode?: string;
  target?: string;
  operator?: string;
  gitCommit?: string;
  startedAt?: Date;
  endedAt?: Date;
}

/**
 * The run's facts as its previous sign-off recorded them (signoff.json), else as its evidence shows them
 * (preflight.json's mode and target; the earliest start and latest end of the preflight and the flows).
 */
export async function recordedRunFacts(runDir: string): Promise<RecordedRunFacts> {
  const previous = await readFile(path.join(runDir, 'signoff.json'), 'utf8')
    .then((text) => (JSON.parse(text) as { run?: Record<string, unknown> }).run)
    .catch(() => undefined);
  if (previous && typeof previous === 'object') {
    const text = (key: string) => (typeof previous[key] === 'string' && previous[key] !== '' ? (previous[key] as string) : undefined);
    const time = (key: string) => (text(key) && !Number.isNaN(Date.parse(text(key)!)) ? new Date(text(key)!) : undefined);
    return dropUndefined({
      mode: text('mode'),
      target: text('target'),
      operator: text('operator'),
      gitCommit: text('gitCommit'),
      startedAt: time('startedAt'),
      endedAt: time('endedAt'),
    });
  }
  const evidence = await readRunEvidence(runDir);
  const starts = [evidence.preflight?.startedAt, ...evidence.flows.map((flow) => flow.record.startedAt)].filter(isTime);
  const ends = [evidence.preflight?.endedAt, ...evidence.flows.map((flow) => flow.record.endedAt)].filter(isTime);
  return dropUndefined({
    mode: typeof evidence.preflight?.mode === 'string' ? evidence.preflight.mode : undefined,
    target: typeof evidence.preflight?.target === 'string' ? evidence.preflight.target : undefined,
    startedAt: starts.length ? new Date(Math.min(...starts)) : undefined,
    endedAt: ends.length ? new Date(Math.max(...ends)) : undefined,
  });
}

function isTime(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
