import path from 'node:path';
import { errorLine } from './errorLine';
import type { FlowRecord, FlowScreenshot, FlowStatus, ProviderRequestRecord, SkipKind, StepRecord, TimelinePoint } from './flowRecord';
import type { ApiUsage } from '../rateBudget/usageRecorder';
import { screenshotFileName } from './screenshotFile';
import { orderTimeline } from './timeline';

/** How the test ended, as the fixture reads it from testInfo at teardown. */
export interface FlowOutcome {
  status: FlowStatus;
  skipReason?: string;
  /** A skip because the target cannot run the test; absent for an exemption. */
  skipKind?: SkipKind;
  error?: string;
}

/** A step in progress: say how it ended. */
export interface OpenStep {
  passed(): void;
  failed(error: unknown): void;
}

/**
 * Collects one test's flow record while it runs: steps, timeline, screenshots, provider requests. The evidence
 * recorder and the provider client feed it; the evidence fixture turns it into a FlowRecord at teardown.
 */
export class FlowRecorder {
  readonly runId: string;
  readonly testRunId: string;
  /** The run directory (reports/<runId>); screenshot paths in the record are relative to it. */
  readonly runDir: string;
  readonly startedAt: number;
  private readonly steps: StepRecord[] = [];
  /** Steps begun and not yet ended, innermost last. */
  private readonly openSteps: StepRecord[] = [];
  private readonly points: TimelinePoint[] = [];
  private readonly screenshots: FlowScreenshot[] = [];
  private readonly requests: ProviderRequestRecord[] = [];
  private usage: ApiUsage | undefined;

  constructor(options: { runId: string; testRunId: string; runDir: string; startedAt?: number }) {
    this.runId = options.runId;
    this.testRunId = options.testRunId;
    this.runDir = options.runDir;
    this.startedAt = options.startedAt ?? Date.now();
  }

  beginStep(title: string, checklist: readonly string[]): OpenStep {
    const step: StepRecord = { title, status: 'passed', startedAt: Date.now(), endedAt: 0, checklist: [...checklist] };
    this.steps.push(step);
    this.openSteps.push(step);
    const end = (status: 'passed' | 'failed', error?: unknown) => {
      if (!this.openSteps.includes(step)) return;
      step.status = status;
      step.endedAt = Date.now();
      if (status === 'failed') step.error = errorLine(error);
      this.openSteps.splice(this.openSteps.indexOf(step), 1);
    };
    return { passed: () => end('passed'), failed: (error) => end('failed', error) };
  }

  /**
   * A step the flow could not perform, with the reason (shown as skipped, never as passed); `skipKind` says when the
   * target could not do it (absent: an exemption).
   */
  skippedStep(title: string, reason: string, checklist: readonly string[], skipKind?: SkipKind): void {
    const at = Date.now();
    this.steps.push({
      title,
      status: 'skipped',
      startedAt: at,
      endedAt: at,
      checklist: [...checklist],
      skipReason: reason,
      ...(skipKind !== undefined ? { skipKind } : {}),
    });
  }

  /** The title of the innermost step in progress. */
  currentStep(): string | undefined {
    return this.openSteps.at(-1)?.title;
  }

  /** Points without a usable time (a source that gave none) are left out rather than failing the flow. */
  timeline(point: TimelinePoint): void {
    if (!Number.isFinite(point.at)) return;
    this.points.push({ ...point });
  }

  /** Where the next screenshot goes: `file` relative to the run directory (for the record), `path` absolute. */
  nextScreenshotFile(name: string): { file: string; path: string } {
    const file = path.posix.join('evidence', 'screenshots', screenshotFileName(this.testRunId, this.screenshots.length + 1, name));
    return { file, path: path.join(this.runDir, ...file.split('/')) };
  }

  screenshot(screenshot: FlowScreenshot): void {
    this.screenshots.push({ ...screenshot });
  }

  providerRequest(request: ProviderRequestRecord): void {
    this.requests.push({ ...request });
  }

  /** The test's API calls per rate zone, as the client fixtures measured them. */
  apiUsage(usage: ApiUsage): void {
    this.usage = structuredClone(usage);
  }

  /** The record as it stands; a step still open (the test ended inside it) is recorded as failed. */
  toRecord(details: { flow: string; title: string; file: string; outcome: FlowOutcome; endedAt?: number }): FlowRecord {
    const endedAt = details.endedAt ?? Date.now();
    const { outcome } = details;
    const steps = this.steps.map((step): StepRecord => {
      if (!this.openSteps.includes(step)) return { ...step, checklist: [...step.checklist] };
      return { ...step, checklist: [...step.checklist], status: 'failed', endedAt, error: `the step did not finish: the test ended (${outcome.status})` };
    });
    return {
      runId: this.runId,
      testRunId: this.testRunId,
      flow: details.flow,
      title: details.title,
      file: details.file,
      status: outcome.status,
      ...(outcome.skipReason !== undefined ? { skipReason: outcome.skipReason } : {}),
      ...(outcome.skipKind !== undefined && outcome.status === 'skipped' ? { skipKind: outcome.skipKind } : {}),
      ...(outcome.error !== undefined ? { error: outcome.error } : {}),
      startedAt: this.startedAt,
      endedAt,
      steps,
      timeline: orderTimeline(this.points),
      screenshots: this.screenshots.map((s) => ({ ...s })),
      providerRequests: this.requests.map((r) => ({ ...r })),
      ...(this.usage !== undefined ? { apiUsage: structuredClone(this.usage) } : {}),
    };
  }
}
