import type { CheckStatus, PreflightReport } from '../../model/checklist/types';
import type { FlowRecord, SkipKind, StepStatus, TimelineLane } from '../../run/evidence/flowRecord';
import type { Interruption } from '../../run/evidence/interruption';
import { redact } from '../../base/redact';
import type { RunApiUsage } from '../../run/rateBudget/runApiUsage';
import type { RehearsedSystem } from '../../model/target/rehearsedSystem';
import type { WebhookDeliveries } from './deliveryTotals';
import type { LoadedFlow } from './readRunEvidence';
import { flowInterruption, signoffInterruption, type FlowInterruption, type SignoffInterruption } from './runInterruption';
import { formatDelay } from './timelineSvg';
import type { ItemVerdict, OverallVerdict } from './types';

/** The run the sign-off is about. Times are ISO-8601 (UTC). */
export interface SignoffRunInfo {
  runId: string;
  mode: string;
  target: string;
  /**
   * Which system was rehearsed, in words: the embedded offline sandbox or the operator's site (as the run recorded
   * it in evidence/rehearsed-system.json); absent when the run recorded none.
   */
  rehearsedSystem?: RehearsedSystem;
  provider: {
    apiBase?: string;
    /** The API version the integration is pinned to, from the preflight report. */
    apiVersion?: string;
    account?: { id: string; displayName?: string };
  };
  gitCommit: string;
  operator: string;
  startedAt: string;
  endedAt: string;
  durationMs: number;
  /** When this sign-off was built. */
  generatedAt: string;
}

export interface FlowSummary {
  flow: string;
  title: string;
  testRunId: string;
  /** The scenario's spec file. */
  file: string;
  status: FlowRecord['status'];
  skipReason?: string;
  /** `target-gap` when the test was skipped because the target cannot run it; absent for an exemption. */
  skipKind?: SkipKind;
  error?: string;
  startedAt: string;
  endedAt: string;
  durationMs: number;
  /** The flow record, relative to the run directory; for a test stopped before it wrote one, its progress journal. */
  record: string;
  /** An interrupted flow (status `interrupted`): where it stopped, what cleanup did for it, the evidence it left. */
  interruption?: FlowInterruption;
  steps: {
    title: string;
    status: StepStatus;
    checklist: string[];
    durationMs: number;
    error?: string;
    /** A failed step whose failure was an assertion of these items only: the step's other items were not decided. */
    failedItems?: string[];
    skipReason?: string;
    skipKind?: SkipKind;
  }[];
  /** In time order; `delay` is the measured time since the previous moment ("+1.4 s", "≈2 s"). */
  timeline: { lane: TimelineLane; label: string; at: string; precision: 'ms' | 's'; objectId?: string; delay?: string }[];
  screenshots: { name: string; file: string; step?: string }[];
  providerRequests: { total: number; withoutRequestId: number };
}

/** Everything `signoff.json` holds; `signoff.html` and `signoff.pdf` show the same. */
export interface SignoffDocument {
  schema: 'dress-rehearsal/signoff@1';
  run: SignoffRunInfo;
  verdict: OverallVerdict;
  preflight: {
    ran: boolean;
    /** Relative to the run directory; absent when preflight did not run. */
    file?: string;
    /** Why not, when it did not run. */
    missingReason?: string;
    counts: Record<CheckStatus, number>;
  };
  items: ItemVerdict[];
  flows: FlowSummary[];
  /** Other files of the run directory the sign-off links to, relative; absent when the run directory has none. */
  artifacts: { allureReport?: string; log?: string };
  /** Evidence files that could not be read (they decided nothing). */
  evidenceProblems: string[];
  /**
   * `interruption.json`: what stopped the run (a signal to `rehearse run`, Playwright killed) and the cleanup that
   * followed, line by line as printed on the console. Absent when the run was not interrupted.
   */
  interruption?: SignoffInterruption;
  /** Screenshots of a test that left no flow record nor progress journal (it was stopped first); absent when none. */
  unrecordedScreenshots?: string[];
  /**
   * The run's API calls per zone, every worker together (evidence/api-calls.jsonl): calls, peak rate, limit, budget
   * fraction, 429s. Absent when the run folder has no call log. Warnings only: it decides nothing.
   */
  apiUsage?: RunApiUsage;
  /**
   * The run's webhook deliveries, every flow's together (src/reporting/signoff/deliveryTotals.ts): per merchant endpoint its
   * events, attempts and success rate, the provider's pending_webhooks counts, the harness's sink, and every delivery
   * that failed or needed retries. Absent when no flow record holds a delivery (an older run).
   */
  deliveries?: WebhookDeliveries;
  /** Filled in by hand by the person who signs: empty here. */
  signoff: {
    name: string;
    role: string;
    date: string;
    /** 'go' or 'no-go' once decided. */
    decision: string;
    decisionOptions: ['go', 'no-go'];
    /** The manual items, each attested (or not) by the signer. */
    attestations: { item: string; title: string; attested: string }[];
  };
}

export interface AssembleInput {
  runId: string;
  mode: string;
  target: string;
  rehearsedSystem?: RehearsedSystem | undefined;
  gitCommit: string;
  operator: string;
  startedAt: Date;
  endedAt: Date;
  generatedAt: Date;
  preflight: PreflightReport | undefined;
  preflightMissingReason: string | undefined;
  flows: LoadedFlow[];
  items: ItemVerdict[];
  verdict: OverallVerdict;
  artifacts: SignoffDocument['artifacts'];
  evidenceProblems: string[];
  apiUsage?: RunApiUsage | undefined;
  deliveries?: WebhookDeliveries | undefined;
  interruption?: Interruption | undefined;
  unrecordedScreenshots?: string[];
}

/** The sign-off document, redacted as a whole (every string of the evidence passes through `redact`). */
export function assembleSignoff(input: AssembleInput): SignoffDocument {
  const { preflight } = input;
  const document: SignoffDocument = {
    schema: 'dress-rehearsal/signoff@1',
    run: {
      runId: input.runId,
      mode: input.mode,
      target: input.target,
      ...(input.rehearsedSystem ? { rehearsedSystem: input.rehearsedSystem } : {}),
      provider: providerInfo(preflight),
      gitCommit: input.gitCommit,
      operator: input.operator,
      startedAt: input.startedAt.toISOString(),
      endedAt: input.endedAt.toISOString(),
      durationMs: Math.max(0, input.endedAt.getTime() - input.startedAt.getTime()),
      generatedAt: input.generatedAt.toISOString(),
    },
    verdict: input.verdict,
    preflight: {
      ran: preflight !== undefined,
      ...(preflight ? { file: 'evidence/preflight.json' } : { missingReason: input.preflightMissingReason ?? 'preflight did not run' }),
      counts: countChecks(preflight),
    },
    items: input.items,
    flows: input.flows.map((flow) => summariseFlow(flow, input.interruption, input.artifacts.allureReport)),
    artifacts: input.artifacts,
    evidenceProblems: input.evidenceProblems,
    ...(input.interruption ? { interruption: signoffInterruption(input.interruption) } : {}),
    ...(input.unrecordedScreenshots?.length ? { unrecordedScreenshots: input.unrecordedScreenshots } : {}),
    ...(input.apiUsage ? { apiUsage: input.apiUsage } : {}),
    ...(input.deliveries ? { deliveries: input.deliveries } : {}),
    signoff: {
      name: '',
      role: '',
      date: '',
      decision: '',
      decisionOptions: ['go', 'no-go'],
      attestations: input.items
        .filter((verdict) => verdict.status === 'awaiting-attestation')
        .map((verdict) => ({ item: verdict.item.id, title: verdict.item.title, attested: '' })),
    },
  };
  return redact(document);
}

function providerInfo(preflight: PreflightReport | undefined): SignoffRunInfo['provider'] {
  const provider = preflight?.provider;
  if (!provider) return {};
  return {
    ...(typeof provider.apiBase === 'string' ? { apiBase: provider.apiBase } : {}),
    ...(typeof provider.apiVersion === 'string' ? { apiVersion: provider.apiVersion } : {}),
    ...(provider.account && typeof provider.account.id === 'string' ? { account: provider.account } : {}),
  };
}

function countChecks(preflight: PreflightReport | undefined): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { passed: 0, failed: 0, warning: 0, skipped: 0 };
  for (const result of preflight?.results ?? []) counts[result.status] += 1;
  return counts;
}

function summariseFlow(loaded: LoadedFlow, interruption: Interruption | undefined, allureReport: string | undefined): FlowSummary {
  const { record, href } = loaded;
  const interrupted = flowInterruption(loaded, interruption, allureReport);
  return {
    flow: record.flow,
    title: record.title,
    testRunId: record.testRunId,
    file: record.file,
    status: record.status,
    ...(record.skipReason ? { skipReason: record.skipReason } : {}),
    ...(record.status === 'skipped' && record.skipKind === 'target-gap' ? { skipKind: record.skipKind } : {}),
    ...(record.error ? { error: record.error } : {}),
    startedAt: isoOf(record.startedAt),
    endedAt: isoOf(record.endedAt),
    durationMs: Math.max(0, record.endedAt - record.startedAt),
    record: href,
    ...(interrupted ? { interruption: interrupted } : {}),
    steps: record.steps.map((step) => ({
      title: step.title,
      status: step.status,
      checklist: step.checklist,
      durationMs: Math.max(0, (step.endedAt ?? 0) - (step.startedAt ?? 0)),
      ...(step.error ? { error: step.error } : {}),
      ...(step.status === 'failed' && step.failedItems?.length ? { failedItems: [...step.failedItems] } : {}),
      ...(step.skipReason ? { skipReason: step.skipReason } : {}),
      ...(step.status === 'skipped' && step.skipKind === 'target-gap' ? { skipKind: step.skipKind } : {}),
    })),
    timeline: record.timeline.map((point, index) => ({
      lane: point.lane,
      label: point.label,
      at: isoOf(point.at),
      precision: point.precision,
      ...(point.objectId ? { objectId: point.objectId } : {}),
      ...(index > 0 ? { delay: formatDelay(record.timeline[index - 1]!, point) } : {}),
    })),
    screenshots: record.screenshots.map((shot) => ({ name: shot.name, file: shot.file, ...(shot.step ? { step: shot.step } : {}) })),
    providerRequests: {
      total: record.providerRequests.length,
      withoutRequestId: record.providerRequests.filter((request) => !request.requestId).length,
    },
  };
}

function isoOf(at: number): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
