import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { evidenceJson } from './evidenceJson';

/**
 * `<runDir>/interruption.json`: what stopped a rehearsal and what the cleanup that followed did. `rehearse run` writes
 * it (before building the sign-off) when a signal stopped it or Playwright ended abnormally; the sign-off reads it. Its
 * cleanup lines are otherwise only on the console, and the per-test cleanup (fixtures/cleanupFixtures.ts) does not run
 * in a killed worker, so this file is the run folder's only account of it.
 */
export interface Interruption {
  /** What stopped the run: a signal to `rehearse run`, or the Playwright process ending abnormally (killed, OOM). */
  cause: 'signal' | 'playwright-died';
  /** e.g. 'SIGINT', 'SIGTERM', or the signal that killed Playwright ('SIGKILL'). */
  signal?: string;
  playwrightExitCode?: number | null;
  /** ISO time. */
  at: string;
  /** The cleanup that followed, line by line, exactly as printed on the console. */
  cleanupLines: string[];
  /** done: everything refunded/canceled; incomplete: something is left (run `rehearse cleanup`); nothing: nothing was left; failed: cleanup could not run. */
  cleanupOutcome: 'done' | 'incomplete' | 'nothing' | 'failed';
}

export const INTERRUPTION_FILE = 'interruption.json';

const CAUSES: readonly string[] = ['signal', 'playwright-died'];
const OUTCOMES: readonly string[] = ['done', 'incomplete', 'nothing', 'failed'];

/** `<runDir>/interruption.json` */
export function interruptionPath(runDir: string): string {
  return path.join(runDir, INTERRUPTION_FILE);
}

/**
 * Writes the interruption, redacted, atomically (to `<file>.partial`, flushed to disk, then renamed): the sign-off
 * never reads half a file. Creates the run folder if needed; resolves with the file's path.
 */
export async function writeInterruption(runDir: string, value: Interruption): Promise<string> {
  const file = interruptionPath(runDir);
  await mkdir(runDir, { recursive: true });
  const partial = `${file}.partial`;
  const handle = await open(partial, 'w');
  try {
    await handle.writeFile(`${evidenceJson(value)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(partial, file);
  return file;
}

/**
 * The run folder's interruption; undefined when there is none (the run was not interrupted). Throws, with the cause
 * in one line, when the file exists but cannot be read or is not an interruption.
 */
export async function readInterruption(runDir: string): Promise<Interruption | undefined> {
  let text: string;
  try {
    text = await readFile(interruptionPath(runDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${INTERRUPTION_FILE} could not be read (${(error as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${INTERRUPTION_FILE} could not be read (invalid JSON: ${(error as Error).message})`);
  }
  const interruption = asInterruption(value);
  if (!interruption)
    throw new Error(`${INTERRUPTION_FILE} could not be read (not an interruption: it needs cause, at, cleanupLines and cleanupOutcome)`);
  return interruption;
}

/** The value when it has the contract's fields; optional fields of the wrong type are dropped. */
function asInterruption(value: unknown): Interruption | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (!CAUSES.includes(record.cause as string) || typeof record.at !== 'string' || !OUTCOMES.includes(record.cleanupOutcome as string))
    return undefined;
  if (!Array.isArray(record.cleanupLines)) return undefined;
  const code = record.playwrightExitCode;
  return {
    cause: record.cause as Interruption['cause'],
    ...(typeof record.signal === 'string' && record.signal !== '' ? { signal: record.signal } : {}),
    ...(code === null || (typeof code === 'number' && Number.isInteger(code)) ? { playwrightExitCode: code } : {}),
    at: record.at,
    cleanupLines: record.cleanupLines.filter((line): line is string => typeof line === 'string'),
    cleanupOutcome: record.cleanupOutcome as Interruption['cleanupOutcome'],
  };
}
