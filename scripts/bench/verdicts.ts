import { RATE_ZONES, type RateZone } from '../../src/run/rateBudget/zones';
import { count429, worsePerZone, type RunCalls } from './callLogSummary';
import { DELAY_KIND_TITLES, STAGE_TITLES, type BenchFigures, type DelayKind, type StageId } from './benchFigures';
import type { DurationSummary } from './percentiles';

/** The targets the issue sets (issue 8). */
export const TARGETS = {
  /** Full rehearsal ÷ the same browser steps alone. */
  overheadRatioMax: 1.2,
  /** From an event's creation at its source to the wait for it passing, against the sandbox. */
  delayP95MaxMs: 150,
  status429Max: 0,
  /** Peak rate of every zone, in percent of its published limit. */
  peakPercentMax: 50,
  /** 1 worker's wall time ÷ 2 workers'. */
  speedUpMin: 1.5,
} as const;

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
  const failedStages = Object.values(figures.stages).filter((stage) => stage?.failure).map((stage) => stage!.id);
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
  const row = { figure: 'Harness overhead ratio (full rehearsal ÷ browser steps alone, 1 worker)', target: `≤ ${TARGETS.overheadRatioMax}` };
  const blocked = unusable(figures, ['A', 'C']);
  if (blocked) return { ...row, ...blocked };
  const [a, c] = [figures.stages.A!.wallMs, figures.stages.C!.wallMs];
  const ratio = a / c;
  return { ...row, value: `${ratio.toFixed(2)} (${seconds(a)} ÷ ${seconds(c)})`, met: ratio <= TARGETS.overheadRatioMax ? 'met' : 'missed' };
}

function delayRows(figures: BenchFigures): BenchRow[] {
  const target = `p95 ≤ ${TARGETS.delayP95MaxMs} ms`;
  const blocked = unusable(figures, ['D']);
  const delays = figures.observationDelay;
  if (blocked || !delays) {
    return [{ figure: 'Observation delay p50 / p95 (event created at its source → the wait for it passes)', target, ...(blocked ?? { met: 'not measured', value: 'no samples' }) }];
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
  const observed = summary.count === 0
    ? 'none observed'
    : `p50 ${summary.p50} ms, p95 ${summary.p95} ms, max ${summary.max} ms (n = ${summary.count})`;
  return failures > 0 ? `${observed}; ${failures} never observed` : observed;
}

function rehearsalWaitRows(figures: BenchFigures): BenchRow[] {
  const figure =
    'Waits in the full rehearsal (stage A): released by first check / push / poll / timeout; p95 wait; all waits together; ' +
    'settle windows (absence watched for its whole window)';
  const blocked = unusable(figures, ['A']);
  if (blocked) return [{ figure, target: '—', value: blocked.value }];
  const waits = figures.rehearsalWaits;
  if (!waits) return [{ figure, target: '—', value: NO_OBSERVATION_LOG }];
  const { released } = waits;
  const p95 = waits.p95WaitMs === undefined ? 'no wait passed' : `p95 ${waits.p95WaitMs} ms`;
  return [{
    figure,
    target: '—',
    value:
      `${waits.waits} waits: ${released['first-check']} / ${released.push} / ${released.poll} / ${released.timeout}; ${p95}; ` +
      `${seconds(waits.totalWaitMs)} in all; ${waits.settleWindows} settle windows, ${seconds(waits.settleMs)} in all`,
  }];
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
  const blocked = unusable(figures, ran);
  if (blocked) {
    return [
      { figure: 'API calls per run and peak rate per zone', target: peakTarget, ...blocked },
      { figure: status429Figure, target: `${TARGETS.status429Max}`, ...blocked },
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

function speedUpRow(figures: BenchFigures): BenchRow {
  const row = { figure: 'Speed-up of 2 workers over 1 (full scenario set)', target: `≥ ${TARGETS.speedUpMin}×` };
  const blocked = unusable(figures, ['A', 'B']);
  if (blocked) return { ...row, ...blocked };
  const [a, b] = [figures.stages.A!.wallMs, figures.stages.B!.wallMs];
  const speedUp = a / b;
  const cores = figures.stages.A!.cpuBusyCores;
  const busy = cores === undefined ? '' : `; CPU busy ${cores.toFixed(2)} cores with 1 worker`;
  return { ...row, value: `${speedUp.toFixed(2)}× (${seconds(a)} → ${seconds(b)})${busy}`, met: speedUp >= TARGETS.speedUpMin ? 'met' : 'missed' };
}

/** What 2 workers gain at best on this machine: the browser steps alone (C ÷ E), and how busy its cores were. */
function machineCeilingRow(figures: BenchFigures): BenchRow {
  const row = { figure: "This machine's ceiling: the browser steps alone on 2 workers over 1 (C ÷ E)", target: '—' };
  const blocked = unusable(figures, ['C', 'E']);
  if (blocked) return { ...row, value: blocked.value };
  const [c, e] = [figures.stages.C!, figures.stages.E!];
  const busy = c.cpuBusyCores === undefined ? '' : `; CPU busy ${c.cpuBusyCores.toFixed(2)} cores with 1 worker`;
  return { ...row, value: `${(c.wallMs / e.wallMs).toFixed(2)}× (${seconds(c.wallMs)} → ${seconds(e.wallMs)})${busy}` };
}

/** "312.4 s". */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The stage's one-line title, e.g. "Stage A (full rehearsal, 1 worker)". */
export function stageLabel(id: StageId): string {
  return `Stage ${id} (${STAGE_TITLES[id]})`;
}
