import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { appendLine } from '../../base/appendLine';
import type { OutOfScope } from '../../model/checklist/types';
import type { FlowScreenshot, ProviderRequestRecord, StepRecord, TimelinePoint, DeliveryRecord } from './flowRecord';
import { redact } from '../../base/redact';

/**
 * A test's progress journal, `<runDir>/evidence/flow-progress/<testRunId>.jsonl`: one JSON line per thing the test
 * did, written as it happens, so a test stopped before it writes its flow record (its worker SIGKILLed, OOM) still
 * says "started, steps 1–2 passed, interrupted during step 3", with its screenshots. The first line (`started`) is
 * flushed to disk before the test body runs; the others are appended synchronously (a killed process loses none of
 * them; only the machine crashing could). Deleted once the flow record is written (writeFlowRecord).
 */
export type FlowProgressLine =
  | { kind: 'started'; runId: string; testRunId: string; flow: string; title: string; file: string; at: number; outOfScope?: OutOfScope[] }
  /** A step as it stands: written when it begins and again when it ends (the last line of an index wins). */
  | { kind: 'step'; index: number; step: StepRecord }
  | { kind: 'screenshot'; screenshot: FlowScreenshot; at: number }
  | { kind: 'timeline'; point: TimelinePoint }
  | { kind: 'provider-request'; request: ProviderRequestRecord }
  | { kind: 'delivery'; delivery: DeliveryRecord };

export type FlowStart = Omit<Extract<FlowProgressLine, { kind: 'started' }>, 'kind'>;

export const FLOW_PROGRESS_DIR = 'evidence/flow-progress';

/** `<runDir>/evidence/flow-progress/<testRunId>.jsonl` */
export function flowProgressPath(runDir: string, testRunId: string): string {
  return path.join(runDir, ...FLOW_PROGRESS_DIR.split('/'), `${testRunId.replace(/[^A-Za-z0-9._-]+/g, '-')}.jsonl`);
}

/** The writing end of one test's progress journal. */
export class FlowProgressJournal {
  private constructor(readonly file: string) {}

  /**
   * Creates the journal with its `started` line, on disk (fsync) before it returns: throws when the run folder cannot
   * be written, as the flow record then could not be either.
   */
  static start(runDir: string, start: FlowStart): FlowProgressJournal {
    const file = flowProgressPath(runDir, start.testRunId);
    mkdirSync(path.dirname(file), { recursive: true });
    const fd = openSync(file, 'w');
    try {
      writeSync(fd, lineOf({ kind: 'started', ...start }));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return new FlowProgressJournal(file);
  }

  /** Appends one line, redacted; never throws (the flow record written at teardown stays the full account). */
  append(line: Exclude<FlowProgressLine, { kind: 'started' }>): void {
    appendLine(this.file, lineOf(line));
  }
}

function lineOf(line: FlowProgressLine): string {
  return `${JSON.stringify(redact(line))}\n`;
}
