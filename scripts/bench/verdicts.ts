import { RATE_ZONES, type RateZone } from '../../src/run/rateBudget/zones';
import { count429, worsePerZone, type RunCalls } from './callLogSummary';
import { DELAY_KIND_TITLES, STAGE_TITLES, type BenchFigures, type DelayKind, type StageId } from './benchFigures';
import { overheadParts } from './overheadParts';
import type { DurationSummary } from './percentiles';
import {
  machineCeiling,
  meetsOverheadTarget,
  meetsSpeedUpTarget,
  overheadRatio,
  rehearsalSpeedUp,
  speedUpShareOfCeiling,
  TARGETS,
} from './targets';

/** Met or missed; `not measured` when the stage ran but gave no trustworthy figure (also a miss); `not run` when left out. */
export type Verdict = 'met' | 'missed' | 'not measured' | 'not run';

/** One line of the results table; `met` is absent for a figure with no target. */
export interface BenchRow {
  figure: string;
  value: string;
  target: string;
  met?: Verdict;
}

export const NO_CALL_LOG = 'no API call log: the harness under test does not write REHEARSAL_API_CALL_LOG';
export const NO_OBSERVATION_LOG = 'no observation log: the harness under test does not write REHEARSAL_OBSERVATION_LOG';

const RUN_NAMES = { A: '1 worker', B: '2 workers' } as const;

const ZONE_NAMES: Record<RateZone, string> = {
  provider: 'provider (Stripe)',
  referralClicks: 'referral clicks',
  referralConversions: 'referral conversions',
  referralGeneral: 'referral general API',
};

/** Every figure of the run with its target and verdict, in the order the issue lists them. */
export function benchRows(figures: BenchFigures): BenchRow[] {
  return [
    overheadRow(figures),
    overheadPartsRow(figures),
    ...delayRows(figures),
    ...rehearsalWaitRows(figures),
    ...apiCallRows(figures),
    speedUpRow(figures),
    machineCeilingRow(figures),
  ];
}

/** 1 when any target was missed or could not be measured, or a stage failed; 0 otherwise. */
export function benchExitCode(figures: BenchFigures, rows: readonly BenchRow[]): number {
  const stageFailed = Object.values(figures.stages).some((stage) => stage?.failure);
  return stageFailed || rows.some((row) => row.met === 'missed' || row.met === 'not measured') ? 1 : 0;
}

/** The bench's last line: how many targets were met, missed or not measured, and whether any stage failed. */
export function benchSummaryLine(figures: BenchFigures, rows: readonly BenchRow[]): string {
  const judged = rows.filter((row) => row.met && row.met !== 'not run');
  const count = (verdict: Verdict) => judged.filter((row) => row.met === verdict).length;
  const failedStages = Object.values(figures.stages)
    .filter((stage) => stage?.failure)
    .map((stage) => stage!.id);
  const stages = failedStages.length > 0 ? `; stage ${failedStages.join(' and ')} failed` : '';
  if (judged.length === 0) return `– No target measured (their stages were not run)${stages}`;
  const tally = `${count('met')} of ${judged.length} targets met, ${count('missed')} missed, ${count('not measured')} not measured${stages}`;
  return `${benchExitCode(figures, rows) === 0 ? '✓' : '✗'} ${tally}`;
}

/** Why figures of these stages cannot be computed, or undefined when every one ran and went well. */
function unusable(figures: BenchFigures, ids: StageId[]): { met: Verdict; value: string } | undefined {
  const missing = ids.filter((id) => !figures.stages[id]);
  if (missing.length > 0) return { met: 'not run', value: `stage ${missing.join(' and ')} not run` };
  const failed = ids.filter((id) => figures.stages[id]!.failure);
  if (failed.length > 0) return { met: 'not measured', value: `stage ${failed.join(' and ')} failed: its figures mean nothing` };
  return undefined;
}

function overheadRow(figures: BenchFigures): BenchRow {
  const row = {
    figure: 'Harness overhead ratio (full rehearsal ÷ browser steps alone, 1 worker)',
    target: `≤ ${TARGETS.overheadRatioMax}`,
  };
  const unmeasured = unusable(figures, ['A', 'C']);
  if (unmeasured) return { ...row, ...unmeasured };
  const [A, C] = [figures.stages.A!.wallMs, figures.stages.C!.wallMs];
  const ratio = overheadRatio({ A, C });
  const value = `${ratio.toFixed(2)} (${seconds(A)} ÷ ${seconds(C)})`;
  return { ...row, value, met: verdict(meetsOverheadTarget(ratio)) };
}

/** What the overhead ratio is made of: stage A − stage C, split into the waits stage A logged and the rest. */
function overheadPartsRow(figures: BenchFigures): BenchRow {
  const row = {
    figure: "What the overhead is made of (stage A − stage C, split by stage A's observation log)",
    target: '—',
  };
  const unmeasured = unusable(figures, ['A', 'C']);
  if (unmeasured) return { ...row, value: unmeasured.value };
  const [A, C] = [figures.stages.A!.wallMs, figures.stages.C!.wallMs];
  if (A <= C) {
    return { ...row, value: `none: the full rehearsal took ${seconds(A)}, the browser steps alone ${seconds(C)}` };
  }
  const waits = figures.rehearsalWaits;
  if (!waits) return { ...row, value: `${seconds(A - C)}; ${NO_OBSERVATION_LOG}` };
  const parts = overheadParts(A, C, waits);
  return {
    ...row,
    value:
      `${seconds(parts.overheadMs)}: settle windows ${seconds(parts.settleMs)} (${parts.settleWindows}), ` +
      `waits for events ${seconds(parts.waitMs)} (${parts.waits}), the rest ${seconds(parts.restMs)} ` +
      "(the preflight projects' worker starts, evidence screenshots, API-driven steps, flow records, cleanup)",
  };
}

function delayRows(figures: BenchFigures): BenchRow[] {
  const target = `p95 ≤ ${TARGETS.delayP95MaxMs} ms`;
  const unmeasured = unusable(figures, ['D']);
  const delays = figures.observationDelay;
  if (unmeasured || !delays) {
    return [
      {
        figure: 'Observation delay p50 / p95 (event created at its source → the wait for it passes)',
        target,
        ...(unmeasured ?? { met: 'not measured', value: 'no samples' }),
      },
    ];
  }
  const failures = (Object.keys(delays.kinds) as DelayKind[]).flatMap((kind) => delays.kinds[kind].failures);
  const kindRows: BenchRow[] = (Object.keys(delays.kinds) as DelayKind[]).map((kind) => ({
    figure: `Observation delay, ${DELAY_KIND_TITLES[kind]}`,
    value: describeDelays(delays.kinds[kind].delays, delays.kinds[kind].failures.length),
    target: '—',
  }));
  const p95 = delays.overall.p95;
  const met: Verdict = p95 === undefined ? 'not measured' : failures.length === 0 && p95 <= TARGETS.delayP95MaxMs ? 'met' : 'missed';
  return [
    ...kindRows,
    {
      figure: `Observation delay p50 / p95, all ${delays.overall.count + failures.length} samples`,
      value: describeDelays(delays.overall, failures.length),
      target,
      met,
    },
  ];
}

function describeDelays(summary: DurationSummary, failures: number): string {
  const observed =
    summary.count === 0 ? 'none observed' : `p50 ${summary.p50} ms, p95 ${summary.p95} ms, max ${summary.max} ms (n = ${summary.count})`;
  return failures > 0 ? `${observed}; ${failures} never observed` : observed;
}

function rehearsalWaitRows(figures: BenchFigures): BenchRow[] {
  const figure =
    'Waits in the full rehearsal (stage A): released by first check / push / poll / timeout; p95 wait; all waits together; ' +
    'settle windows (absence watched for its whole window)';
  const unmeasured = unusable(figures, ['A']);
  if (unmeasured) return [{ figure, target: '—', value: unmeasured.value }];
  const waits = figures.rehearsalWaits;
  if (!waits) return [{ figure, target: '—', value: NO_OBSERVATION_LOG }];
  const { released } = waits;
  const p95 = waits.p95WaitMs === undefined ? 'no wait passed' : `p95 ${waits.p95WaitMs} ms`;
  return [
    {
      figure,
      target: '—',
      value:
        `${waits.waits} waits: ${released['first-check']} / ${released.push} / ${released.poll} / ${released.timeout}; ${p95}; ` +
        `${seconds(waits.totalWaitMs)} in all; ${waits.settleWindows} settle windows, ${seconds(waits.settleMs)} in all`,
    },
  ];
}

function apiCallRows(figures: BenchFigures): BenchRow[] {
  const ran = (['A', 'B'] as const).filter((id) => figures.stages[id]);
  const peakTarget = `≤ ${TARGETS.peakPercentMax} % of the limit`;
  const status429Figure = '429 answers (stages A and B)';
  if (ran.length === 0) {
    return [
      { figure: 'API calls per run and peak rate per zone', value: 'stages A and B not run', target: peakTarget, met: 'not run' },
      { figure: status429Figure, value: 'stages A and B not run', target: `${TARGETS.status429Max}`, met: 'not run' },
    ];
  }
  const unmeasured = unusable(figures, ran);
  if (unmeasured) {
    return [
      { figure: 'API calls per run and peak rate per zone', target: peakTarget, ...unmeasured },
      { figure: status429Figure, target: `${TARGETS.status429Max}`, ...unmeasured },
    ];
  }
  const logs = ran.map((id) => ({ id, calls: figures.apiCalls[id] }));
  const present = logs.filter((log): log is { id: 'A' | 'B'; calls: RunCalls } => Boolean(log.calls));
  if (present.length < logs.length) {
    return [
      { figure: 'API calls per run and peak rate per zone', value: NO_CALL_LOG, target: peakTarget, met: 'not measured' },
      { figure: status429Figure, value: NO_CALL_LOG, target: `${TARGETS.status429Max}`, met: 'not measured' },
    ];
  }
  const worse = worsePerZone(present.map((log) => log.calls))!;
  const rows: BenchRow[] = RATE_ZONES.map((zone) => {
    const perRun = present.map((log) => `${log.calls[zone].calls} (${RUN_NAMES[log.id]})`).join(', ');
    const peak = worse[zone];
    const which = RUN_NAMES[present.find((log) => log.calls[zone] === peak)!.id];
    const window = peak.windowMs === 1_000 ? '1 s' : `${peak.windowMs / 1000} s`;
    return {
      figure: `API calls per run and peak rate: ${ZONE_NAMES[zone]}`,
      value: `calls ${perRun}; peak ${peak.peak} per ${window} = ${peak.percentOfLimit.toFixed(0)} % of ${peak.limit} (${which} run)`,
      target: peakTarget,
      met: peak.percentOfLimit <= TARGETS.peakPercentMax ? 'met' : 'missed',
    };
  });
  const status429 = present.reduce((sum, log) => sum + count429(log.calls), 0);
  rows.push({
    figure: status429Figure,
    value: String(status429),
    target: `${TARGETS.status429Max}`,
    met: status429 <= TARGETS.status429Max ? 'met' : 'missed',
  });
  return rows;
}

/**
 * The rehearsal's 2-worker speed-up (A ÷ B), judged against this machine's ceiling measured in the same run (C ÷ E):
 * met at 90 % of it or more. Without the ceiling's stages the speed-up is shown and not judged.
 */
function speedUpRow(figures: BenchFigures): BenchRow {
  const row = {
    figure: "Speed-up of 2 workers over 1 (full scenario set), against this machine's ceiling in the same run (C ÷ E)",
    target: `≥ ${(TARGETS.speedUpShareOfCeilingMin * 100).toFixed(0)} % of the ceiling`,
  };
  const unmeasured = unusable(figures, ['A', 'B']);
  if (unmeasured) return { ...row, ...unmeasured };
  const [A, B] = [figures.stages.A!.wallMs, figures.stages.B!.wallMs];
  const cores = figures.stages.A!.cpuBusyCores;
  const busy = cores === undefined ? '' : `; CPU busy ${cores.toFixed(2)} cores with 1 worker`;
  const speedUp = `${rehearsalSpeedUp({ A, B }).toFixed(2)}× (${seconds(A)} → ${seconds(B)})`;
  const noCeiling = unusable(figures, ['C', 'E']);
  if (noCeiling) return { ...row, value: `${speedUp}${busy}; no ceiling: ${noCeiling.value}`, met: noCeiling.met };
  const [C, E] = [figures.stages.C!.wallMs, figures.stages.E!.wallMs];
  const share = speedUpShareOfCeiling({ A, B, C, E });
  const ofCeiling = `${(share * 100).toFixed(1)} % of the ceiling ${machineCeiling({ C, E }).toFixed(2)}×`;
  return { ...row, value: `${speedUp} = ${ofCeiling}${busy}`, met: verdict(meetsSpeedUpTarget(share)) };
}

/** What 2 workers gain at best on this machine: the browser steps alone (C ÷ E), and how busy its cores were. */
function machineCeilingRow(figures: BenchFigures): BenchRow {
  const row = { figure: "This machine's ceiling: the browser steps alone on 2 workers over 1 (C ÷ E)", target: '—' };
  const unmeasured = unusable(figures, ['C', 'E']);
  if (unmeasured) return { ...row, value: unmeasured.value };
  const [c, e] = [figures.stages.C!, figures.stages.E!];
  const busy = c.cpuBusyCores === undefined ? '' : `; CPU busy ${c.cpuBusyCores.toFixed(2)} cores with 1 worker`;
  const ceiling = machineCeiling({ C: c.wallMs, E: e.wallMs });
  return { ...row, value: `${ceiling.toFixed(2)}× (${seconds(c.wallMs)} → ${seconds(e.wallMs)})${busy}` };
}

/** A rule's answer as a verdict. */
function verdict(met: boolean): Verdict {
  return met ? 'met' : 'missed';
}

/** "312.4 s". */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The stage's one-line title, e.g. "Stage A (full rehearsal, 1 worker)". */
export function stageLabel(id: StageId): string {
  return `Stage ${id} (${STAGE_TITLES[id]})`;
}
