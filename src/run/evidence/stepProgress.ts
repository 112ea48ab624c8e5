import { appendFileSync } from 'node:fs';

export type StepStatus = 'passed' | 'failed';

/**
 * Step boundaries for whoever watches a run from outside (the kill tests): when `REHEARSAL_PROGRESS_FILE` is set,
 * one JSON line `{"step": "<title>", "status": "passed"}` is appended as each checklist step ends. Written
 * synchronously, so the line is in the file before the next step starts.
 */
export function recordStepProgress(title: string, status: StepStatus, env: NodeJS.ProcessEnv = process.env): void {
  const file = env.REHEARSAL_PROGRESS_FILE?.trim();
  if (!file) return;
  appendFileSync(file, `${JSON.stringify({ step: title, status })}\n`);
}
