import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PreflightReport } from '../../model/checklist/types';
import { redact } from '../../base/redact';

/** Writes the report, redacted, to `<runDir>/evidence/preflight.json` (atomically: a reader never sees half a file); returns the path. */
export async function writePreflightReport(runDir: string, report: PreflightReport): Promise<string> {
  const file = path.join(runDir, 'evidence', 'preflight.json');
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(redact(report), null, 2)}\n`, 'utf8');
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return file;
}
