import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { evidenceJson } from './evidenceJson';
import type { FlowRecord } from './flowRecord';
import { flowProgressPath } from './flowProgress';

/** `<runDir>/evidence/flows/<flow>--<testRunId>.json` */
export function flowRecordPath(runDir: string, record: Pick<FlowRecord, 'flow' | 'testRunId'>): string {
  return path.join(runDir, 'evidence', 'flows', `${fileSafe(record.flow)}--${fileSafe(record.testRunId)}.json`);
}

/**
 * Writes the record, redacted, atomically: to `<file>.partial` first, then renamed, so a reader (the sign-off)
 * never sees half a file; then deletes the test's progress journal, which the record replaces (a journal left next to
 * a record, the process stopped in between, is ignored). Resolves with the file's path.
 */
export async function writeFlowRecord(runDir: string, record: FlowRecord): Promise<string> {
  const file = flowRecordPath(runDir, record);
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  await writeFile(partial, `${evidenceJson(record)}\n`, 'utf8');
  await rename(partial, file);
  await rm(flowProgressPath(runDir, record.testRunId), { force: true });
  return file;
}

function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-');
}
