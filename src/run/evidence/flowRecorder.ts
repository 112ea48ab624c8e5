import path from 'node:path';
import type { ChecklistItemId, OutOfScope } from '../../model/checklist/types';
import { errorLine } from './errorLine';
import { deliveryKey } from './deliveryKey';
import type {
  DeliveryRecord,
  FlowRecord,
  FlowScreenshot,
  FlowStatus,
  ProviderRequestRecord,
  SkipKind,
  StepRecord,
  TimelinePoint,
  UnobservedDelivery,
} from './flowRecord';
import type { ApiUsage } from '../rateBudget/usageRecorder';
import { FlowProgressJournal } from './flowProgress';
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
  /** `failedItems`: the items whose own assertion failed (`evidence.check`); absent: the failure fails every item. */
  failed(error: unknown, failedItems?: readonly ChecklistItemId[]): void;
}

/** What the flow is, known once the evidence fixture starts it. */
export interface FlowIdentity {
  flow: string;
  title: string;
  /** The spec file, relative to the project root, with forward slashes. */
  file: string;
  /** Items the target leaves out of the rehearsal (src/model/checklist/rehearsalScope.ts); recorded with the flow. */
  outOfScope?: OutOfScope[];
}

/**
 * Collects one test's flow record while it runs: steps, timeline, screenshots, provider requests. The evidence
 * recorder and the provider client feed it; the evidence fixture turns it into a FlowRecord at teardown. Once
 * `start`ed, it also journals each of them as it happens (src/run/evidence/flowProgress.ts), so a test stopped before its
 * teardown still leaves its progress.
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
  /** The steps open when the last step began (it and those it runs inside): where an interruption strikes. */
  private openWhenLastBegun: StepRecord[] = [];
  private readonly points: TimelinePoint[] = [];
  private readonly screenshots: FlowScreenshot[] = [];
  private readonly requests: ProviderRequestRecord[] = [];
  private readonly deliveries = new Map<string, DeliveryRecord>();
  private readonly unobserved = new Map<string, UnobservedDelivery>();
  private usage: ApiUsage | undefined;
  private progress: FlowProgressJournal | undefined;
  private scope: OutOfScope[] = [];

  constructor(options: { runId: string; testRunId: string; runDir: string; startedAt?: number }) {
    this.runId = options.runId;
    this.testRunId = options.testRunId;
    this.runDir = options.runDir;
    this.startedAt = options.startedAt ?? Date.now();
  }

  /**
   * The flow has started: writes its progress journal's first line, on disk before this returns (call it before the
   * test body). Throws when the run folder cannot be written.
   */
  start(identity: FlowIdentity): void {
    const { outOfScope, ...named } = identity;
    this.scope = structuredClone(outOfScope ?? []);
    this.progress = FlowProgressJournal.start(this.runDir, {
      runId: this.runId,
      testRunId: this.testRunId,
      ...named,
      at: this.startedAt,
      ...(this.scope.length > 0 ? { outOfScope: this.scope } : {}),
    });
  }

  beginStep(title: string, checklist: readonly ChecklistItemId[]): OpenStep {
    const step: StepRecord = { title, status: 'passed', startedAt: Date.now(), endedAt: 0, checklist: [...checklist] };
    const index = this.steps.push(step) - 1;
    this.openSteps.push(step);
    this.openWhenLastBegun = [...this.openSteps];
    this.progress?.append({ kind: 'step', index, step });
    const end = (status: 'passed' | 'failed', error?: unknown, failedItems?: readonly ChecklistItemId[]) => {
      if (!this.openSteps.includes(step)) return;
      step.status = status;
      step.endedAt = Date.now();
      if (status === 'failed') step.error = errorLine(error);
      const own = failedItems?.filter((id) => step.checklist.includes(id)) ?? [];
      if (status === 'failed' && own.length > 0) step.failedItems = [...new Set(own)];
      this.openSteps.splice(this.openSteps.indexOf(step), 1);
      this.progress?.append({ kind: 'step', index, step });
    };
    return { passed: () => end('passed'), failed: (error, failedItems) => end('failed', error, failedItems) };
  }

  /**
   * A step the flow could not perform, with the reason (shown as skipped, never as passed); `skipKind` says when the
   * target could not do it (absent: an exemption).
   */
  skippedStep(title: string, reason: string, checklist: readonly ChecklistItemId[], skipKind?: SkipKind): void {
    const at = Date.now();
    const step: StepRecord = {
      title,
      status: 'skipped',
      startedAt: at,
      endedAt: at,
      checklist: [...checklist],
      skipReason: reason,
      ...(skipKind !== undefined ? { skipKind } : {}),
    };
    const index = this.steps.push(step) - 1;
    this.progress?.append({ kind: 'step', index, step });
  }

  /** The title of the innermost step in progress. */
  currentStep(): string | undefined {
    return this.openSteps.at(-1)?.title;
  }

  /** Points without a usable time (a source that gave none) are left out rather than failing the flow. */
  timeline(point: TimelinePoint): void {
    if (!Number.isFinite(point.at)) return;
    this.points.push({ ...point });
    this.progress?.append({ kind: 'timeline', point });
  }

  /** Where the next screenshot goes: `file` relative to the run directory (for the record), `path` absolute. */
  nextScreenshotFile(name: string): { file: string; path: string } {
    const file = path.posix.join('evidence', 'screenshots', screenshotFileName(this.testRunId, this.screenshots.length + 1, name));
    return { file, path: path.join(this.runDir, ...file.split('/')) };
  }

  screenshot(screenshot: FlowScreenshot): void {
    this.screenshots.push({ ...screenshot });
    this.progress?.append({ kind: 'screenshot', screenshot, at: Date.now() });
  }

  providerRequest(request: ProviderRequestRecord): void {
    this.requests.push({ ...request });
    this.progress?.append({ kind: 'provider-request', request });
  }

  /** What the test saw of a webhook delivery; a later look at the same event and endpoint replaces the earlier one. */
  delivery(delivery: DeliveryRecord): void {
    this.deliveries.set(deliveryKey(delivery), structuredClone(delivery));
    this.progress?.append({ kind: 'delivery', delivery });
  }

  /** A webhook the test could not see delivered, and why; one per event type and object. */
  unobservedDelivery(delivery: UnobservedDelivery): void {
    this.unobserved.set(`${delivery.eventType} ${delivery.objectId ?? ''}`, { ...delivery });
  }

  /** The test's API calls per rate zone, as the client fixtures measured them. */
  apiUsage(usage: ApiUsage): void {
    this.usage = structuredClone(usage);
  }

  /**
   * The record as it stands. A step still open (the test ended inside it) is recorded as failed; when the test was
   * interrupted (Ctrl-C, SIGTERM), as `interrupted` instead, and so is a step that failed because of it (the last step
   * begun, or one it ran inside): neither is the integration's failure. Ends the progress journal: the
   * record replaces it (writeFlowRecord deletes it), and what follows (the cleanup fixture's calls) is not the flow's.
   */
  toRecord(details: { flow: string; title: string; file: string; outcome: FlowOutcome; endedAt?: number }): FlowRecord {
    this.progress = undefined;
    const endedAt = details.endedAt ?? Date.now();
    const { outcome } = details;
    const interrupted = outcome.status === 'interrupted';
    const struck = new Set(this.openWhenLastBegun);
    let interruptedDuring: string | undefined;
    const steps = this.steps.map((step): StepRecord => {
      const copy = { ...step, checklist: [...step.checklist], ...(step.failedItems ? { failedItems: [...step.failedItems] } : {}) };
      const open = this.openSteps.includes(step);
      if (interrupted && (open || (step.status === 'failed' && struck.has(step)))) {
        interruptedDuring = step.title;
        const then = open ? '' : ` (then: ${step.error ?? 'it failed'})`;
        const { failedItems, ...struckStep } = copy; // an interrupted step decides no item
        void failedItems;
        return {
          ...struckStep,
          status: 'interrupted',
          endedAt: open ? endedAt : step.endedAt,
          error: `the test was interrupted during this step${then}`,
        };
      }
      if (!open) return copy;
      return { ...copy, status: 'failed', endedAt, error: `the step did not finish: the test ended (${outcome.status})` };
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
      ...(interruptedDuring !== undefined ? { interruptedDuring } : {}),
      startedAt: this.startedAt,
      endedAt,
      steps,
      timeline: orderTimeline(this.points),
      screenshots: this.screenshots.map((s) => ({ ...s })),
      providerRequests: this.requests.map((r) => ({ ...r })),
      ...(this.deliveries.size > 0 ? { deliveries: [...this.deliveries.values()].map((d) => structuredClone(d)) } : {}),
      ...(this.unobserved.size > 0 ? { unobservedDeliveries: [...this.unobserved.values()].map((d) => ({ ...d })) } : {}),
      ...(this.usage !== undefined ? { apiUsage: structuredClone(this.usage) } : {}),
      ...(this.scope.length > 0 ? { outOfScope: structuredClone(this.scope) } : {}),
    };
  }
}
