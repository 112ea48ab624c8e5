import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { appendLine } from '../../base/appendLine';
import type { RateZone } from './zones';

/** One API call attempt, as the run's call log and `npm run bench` read it: its zone, start and answer. */
export interface ApiCallRecord {
  zone: RateZone;
  at: number;
  /** The HTTP status, or null when no answer came (connection error). */
  status: number | null;
}

/** The run's own call log, relative to its run directory: every worker process of the run appends to it. */
export const RUN_API_CALL_LOG = 'evidence/api-calls.jsonl';

/** `<runDir>/evidence/api-calls.jsonl`. */
export function runApiCallLogFile(runDir: string): string {
  return path.join(runDir, RUN_API_CALL_LOG);
}

let runLog: string | undefined;
let runLogReady = false;

/**
 * Makes this process append every API call to `file` as well (the run's `evidence/api-calls.jsonl`, set once per
 * worker by fixtures/runCallLogFixture.ts); undefined stops it. Its folder is made on the first call.
 */
export function recordApiCallsIn(file: string | undefined): void {
  runLog = file === undefined ? undefined : path.resolve(file);
  runLogReady = false;
}

/**
 * Appends the call as one JSON line to the run's call log (`recordApiCallsIn`) and to the file REHEARSAL_API_CALL_LOG
 * names (`npm run bench`), each once; every worker appends to the same files, so a run's peak rate is measured across
 * processes. No key, path or body: zone, start and status only. Never throws: a log must not fail a rehearsal.
 */
export function logApiCall(record: ApiCallRecord, env: NodeJS.ProcessEnv = process.env): void {
  const line = `${JSON.stringify({ zone: record.zone, at: record.at, status: record.status })}\n`;
  const benchLog = env.REHEARSAL_API_CALL_LOG ? path.resolve(env.REHEARSAL_API_CALL_LOG) : undefined;
  if (runLog) appendToRunLog(runLog, line);
  if (benchLog && benchLog !== runLog) appendLine(benchLog, line);
}

function appendToRunLog(file: string, line: string): void {
  if (!runLogReady) {
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      runLogReady = true;
    } catch {
      return;
    }
  }
  appendLine(file, line);
}
