import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CheckResult, PreflightReport } from '../../model/checklist/types';
import type { FlowRecord } from '../../run/evidence/flowRecord';
import { readInterruption, type Interruption } from '../../run/evidence/interruption';
import { redactText } from '../../base/redact';
import { claimUnlistedScreenshots, readInterruptedFlows } from './readInterruptedFlows';
import { readableDeliveries } from './readableDeliveries';
import { readWebhookSinkStatus, type WebhookSinkStatus } from './webhookSinkStatus';

/** A flow record and where it is, relative to the run directory (forward slashes). */
export interface LoadedFlow {
  record: FlowRecord;
  /** The flow record; for a test that never wrote one, its progress journal. */
  href: string;
  /** False when the test was stopped before it wrote its record: `record` is what its progress journal shows. */
  finalRecord: boolean;
}

export interface RunEvidence {
  preflight: PreflightReport | undefined;
  /** Why there is no usable preflight report (missing or unreadable), in words; undefined when there is one. */
  preflightMissingReason: string | undefined;
  /** Sorted by start time, then file name; with the tests that started and never wrote a record (interrupted). */
  flows: LoadedFlow[];
  /** `interruption.json`: what stopped the run and what cleanup did; undefined when the run was not interrupted. */
  interruption: Interruption | undefined;
  /** `interruption.json` exists but could not be read: why (also in `problems`). */
  interruptionUnreadable: string | undefined;
  /** `evidence/webhook-sink.json`: whether the harness's sink could be reached; undefined when absent or unreadable. */
  webhookSink: WebhookSinkStatus | undefined;
  /** Screenshots no flow record or progress journal accounts for: a test stopped before it left any other trace. */
  strayScreenshots: string[];
  /** Evidence files that could not be read, one line each (shown in the sign-off; they decide nothing). */
  problems: string[];
}

const PREFLIGHT_FILE = 'evidence/preflight.json';
const FLOWS_DIR = 'evidence/flows';

/**
 * Reads `evidence/preflight.json`, every `evidence/flows/*.json`, the progress journals of tests that never wrote a
 * record (`evidence/flow-progress/`), `evidence/webhook-sink.json` and `interruption.json` of a run directory. Delivery
 * records that cannot be counted are left out of their flow (a problem says how many). Never throws for bad files.
 */
export async function readRunEvidence(runDir: string): Promise<RunEvidence> {
  const problems: string[] = [];
  const preflight = await readPreflight(runDir);
  if (preflight.problem) problems.push(preflight.problem);
  const flows: LoadedFlow[] = [];
  const names = (await readdir(path.join(runDir, FLOWS_DIR)).catch(() => [] as string[])).filter((name) => name.endsWith('.json')).sort();
  for (const name of names) {
    const href = `${FLOWS_DIR}/${name}`;
    const parsed = await readJson(path.join(runDir, href));
    const record = parsed.ok ? asFlowRecord(parsed.value) : undefined;
    if (record) flows.push({ record, href, finalRecord: true });
    else problems.push(`${href} could not be read (${parsed.ok ? 'not a flow record' : parsed.error}); it decides nothing`);
  }
  const unfinished = await readInterruptedFlows(runDir, new Set(flows.map((flow) => flow.record.testRunId)));
  flows.push(...unfinished.flows);
  problems.push(...unfinished.problems);
  for (const flow of flows) keepReadableDeliveries(flow, problems);
  const webhookSink = await readWebhookSinkStatus(runDir);
  if (webhookSink.problem) problems.push(webhookSink.problem);
  const strayScreenshots = await claimUnlistedScreenshots(runDir, flows);
  flows.sort((a, b) => a.record.startedAt - b.record.startedAt || a.href.localeCompare(b.href));
  const interruption = await readInterruption(runDir).then(
    (value) => ({ value, unreadable: undefined }),
    (error: Error) => ({ value: undefined, unreadable: redactText(error.message) }),
  );
  if (interruption.unreadable) problems.push(`${interruption.unreadable}; the run is taken as interrupted`);
  return {
    preflight: preflight.report,
    preflightMissingReason: preflight.missingReason,
    flows,
    interruption: interruption.value,
    interruptionUnreadable: interruption.unreadable,
    webhookSink: webhookSink.status,
    strayScreenshots,
    problems,
  };
}

/** The flow's delivery records the sign-off can count; the others are dropped, with one problem saying how many. */
function keepReadableDeliveries(flow: LoadedFlow, problems: string[]): void {
  const value: unknown = flow.record.deliveries;
  if (value === undefined) return;
  const { deliveries, dropped } = readableDeliveries(value);
  flow.record = { ...flow.record, deliveries };
  if (dropped > 0) {
    problems.push(
      `${flow.href}: ${dropped === 1 ? '1 delivery record' : `${dropped} delivery records`} could not be read; ${dropped === 1 ? 'it counts' : 'they count'} no delivery`,
    );
  }
}

async function readPreflight(runDir: string): Promise<{ report?: PreflightReport; missingReason?: string; problem?: string }> {
  const parsed = await readJson(path.join(runDir, PREFLIGHT_FILE));
  if (!parsed.ok && parsed.missing) return { missingReason: `preflight did not run (no ${PREFLIGHT_FILE})` };
  const report = parsed.ok ? asPreflightReport(parsed.value) : undefined;
  if (report) return { report };
  const why = parsed.ok ? 'not a preflight report' : parsed.error;
  return {
    missingReason: `${PREFLIGHT_FILE} could not be read (${why})`,
    problem: `${PREFLIGHT_FILE} could not be read (${why}); the items it decides are not rehearsed`,
  };
}

type JsonRead = { ok: true; value: unknown } | { ok: false; missing: boolean; error: string };

async function readJson(file: string): Promise<JsonRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { ok: false, missing, error: missing ? 'no such file' : (error as Error).message };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, missing: false, error: redactText(`invalid JSON: ${(error as Error).message}`) };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const CHECK_STATUSES = new Set(['passed', 'failed', 'warning', 'skipped']);
const FLOW_STATUSES = new Set(['passed', 'failed', 'skipped', 'timedOut', 'interrupted']);
const STEP_STATUSES = new Set(['passed', 'failed', 'skipped', 'interrupted']);
const LANES = new Set(['browser', 'provider', 'webhook', 'referral']);

/** The report when it has the fields the sign-off relies on; results that are not check results are dropped. */
function asPreflightReport(value: unknown): PreflightReport | undefined {
  if (!isObject(value) || !Array.isArray(value.results)) return undefined;
  const results = value.results.filter(
    (result): result is CheckResult =>
      isObject(result) &&
      isString(result.check) &&
      isString(result.item) &&
      CHECK_STATUSES.has(result.status as string) &&
      isString(result.summary),
  );
  const provider = isObject(value.provider) ? value.provider : {};
  return {
    ...(value as unknown as PreflightReport),
    provider: provider as unknown as PreflightReport['provider'],
    results: results.map((result) => ({ ...result, details: Array.isArray(result.details) ? result.details : [] })),
  };
}

/** The record when it has the fields the sign-off relies on; missing lists become empty, malformed entries are dropped. */
function asFlowRecord(value: unknown): FlowRecord | undefined {
  if (!isObject(value) || !isString(value.flow) || !isString(value.testRunId) || !FLOW_STATUSES.has(value.status as string))
    return undefined;
  const list = (key: string) => (Array.isArray(value[key]) ? (value[key] as unknown[]) : []);
  const steps = list('steps')
    .filter((step) => isObject(step) && isString(step.title) && STEP_STATUSES.has(step.status as string))
    .map((step) => {
      const record = step as Record<string, unknown>;
      return { ...record, checklist: Array.isArray(record.checklist) ? record.checklist.filter(isString) : [] };
    }) as unknown as FlowRecord['steps'];
  const timeline = list('timeline').filter(
    (point) => isObject(point) && LANES.has(point.lane as string) && isString(point.label) && isNumber(point.at),
  ) as FlowRecord['timeline'];
  const screenshots = list('screenshots').filter(
    (shot) => isObject(shot) && isString(shot.name) && isString(shot.file),
  ) as FlowRecord['screenshots'];
  const providerRequests = list('providerRequests').filter(
    (request) => isObject(request) && isString(request.method) && isString(request.path),
  ) as FlowRecord['providerRequests'];
  return {
    ...(value as unknown as FlowRecord),
    title: isString(value.title) ? value.title : value.flow,
    startedAt: isNumber(value.startedAt) ? value.startedAt : 0,
    endedAt: isNumber(value.endedAt) ? value.endedAt : isNumber(value.startedAt) ? value.startedAt : 0,
    steps,
    timeline: timeline.map((point) => ({ ...point, precision: point.precision === 's' ? 's' : 'ms' })),
    screenshots,
    providerRequests,
  };
}
