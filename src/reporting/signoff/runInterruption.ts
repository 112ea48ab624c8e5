import { INTERRUPTION_FILE, type Interruption } from '../../run/evidence/interruption';
import type { VerdictInterruption } from './overallVerdict';
import type { LoadedFlow } from './readRunEvidence';
import { firstLine, plural } from './text';
import type { EvidenceLink } from './types';

/** What finishes a cleanup an interruption left incomplete. */
export const CLEANUP_COMMAND = 'npx rehearse cleanup';

/** signoff.json's `interruption`: interruption.json as `rehearse run` wrote it, and what it means in words. */
export interface SignoffInterruption extends Interruption {
  /** Relative to the run directory. */
  file: string;
  /** "rehearse run was stopped by SIGINT", "Playwright ended abnormally (killed by SIGKILL)". */
  summary: string;
  /** What the cleanup that followed did, in words; for `incomplete` / `failed`, that money may be left and what to run. */
  cleanup: string;
  /** The cleanup was `incomplete` or `failed`: something the rehearsal paid or subscribed may still be at the provider. */
  moneyMayBeLeft: boolean;
}

/** An interrupted flow (its record's status `interrupted`, or only a progress journal): where it stopped, what it left. */
export interface FlowInterruption {
  /** The step it was in when it was stopped. */
  during?: string;
  /** False when it was stopped before it wrote its flow record (its progress journal is its record). */
  finalRecord: boolean;
  /** "Started; 2 steps passed; interrupted during step "3. Refund"". */
  summary: string;
  /** What cleanup did for this test, in words. */
  cleanup: string;
  /** The lines of the interruption's cleanup about this test (they name its run id), as printed on the console. */
  cleanupLines: string[];
  /** Its cleanup is not known to have run: what it paid may still be at the provider. */
  moneyMayBeLeft: boolean;
  /** What it left in the run folder: its record or progress journal, its screenshots, the Allure report. */
  evidence: EvidenceLink[];
}

export interface InterruptionEvidence {
  interruption: Interruption | undefined;
  interruptionUnreadable: string | undefined;
  flows: LoadedFlow[];
  strayScreenshots: string[];
}

export function signoffInterruption(interruption: Interruption): SignoffInterruption {
  return {
    ...interruption,
    file: INTERRUPTION_FILE,
    summary: describeCause(interruption),
    cleanup: describeCleanup(interruption.cleanupOutcome),
    moneyMayBeLeft: interruption.cleanupOutcome === 'incomplete' || interruption.cleanupOutcome === 'failed',
  };
}

/** What stopped the run, in words. */
export function describeCause(interruption: Pick<Interruption, 'cause' | 'signal' | 'playwrightExitCode'>): string {
  if (interruption.cause === 'signal') return `rehearse run was stopped by ${interruption.signal ?? 'a signal'}`;
  const how = interruption.signal
    ? `killed by ${interruption.signal}`
    : `exit code ${interruption.playwrightExitCode === undefined || interruption.playwrightExitCode === null ? 'unknown' : interruption.playwrightExitCode}`;
  return `Playwright ended abnormally (${how}, e.g. out of memory)`;
}

/** What the cleanup after the interruption did, in words (for `incomplete` / `failed`: money may be left, and what to run). */
export function describeCleanup(outcome: Interruption['cleanupOutcome']): string {
  switch (outcome) {
    case 'done':
      return 'Cleanup done: what the interrupted tests had left at the provider was refunded or canceled';
    case 'nothing':
      return 'Cleanup found nothing left at the provider';
    case 'incomplete':
      return `Cleanup incomplete: money may be left at the provider; run \`${CLEANUP_COMMAND}\` to finish it`;
    case 'failed':
      return `Cleanup failed to run: money may be left at the provider; run \`${CLEANUP_COMMAND}\``;
  }
}

/** Where an interrupted flow stopped, what cleanup did for it and the evidence it left; undefined for any other flow. */
export function flowInterruption(
  flow: LoadedFlow,
  interruption: Interruption | undefined,
  allureReport?: string,
): FlowInterruption | undefined {
  const { record } = flow;
  if (record.status !== 'interrupted') return undefined;
  const during = firstLine(record.interruptedDuring);
  const cleanupLines = (interruption?.cleanupLines ?? []).filter((line) => namesRun(line, record.testRunId));
  const cleanup = flowCleanup(flow, interruption, cleanupLines.length);
  return {
    ...(during ? { during } : {}),
    finalRecord: flow.finalRecord,
    summary: progressSummary(flow),
    cleanup: cleanup.text,
    cleanupLines,
    moneyMayBeLeft: cleanup.moneyMayBeLeft,
    evidence: [
      flow.finalRecord
        ? { label: 'Flow record (written at teardown, after the interruption)', href: flow.href }
        : { label: 'Progress journal (the test was stopped before it wrote its flow record)', href: flow.href },
      ...record.screenshots.map((shot) => ({ label: `Screenshot: ${shot.name}`, href: shot.file })),
      ...(allureReport ? [{ label: 'Allure report (its steps and attachments)', href: allureReport }] : []),
    ],
  };
}

/** "Started; 2 steps passed; interrupted during step "3. Refund"" (and "before it wrote its flow record"). */
function progressSummary(flow: LoadedFlow): string {
  const { record } = flow;
  const count = (status: string) => record.steps.filter((step) => step.status === status).length;
  const done = [
    count('passed') > 0 ? `${plural(count('passed'), 'step')} passed` : 'no step passed',
    ...(count('failed') > 0 ? [`${plural(count('failed'), 'step')} failed`] : []),
    ...(count('skipped') > 0 ? [`${plural(count('skipped'), 'step')} skipped`] : []),
  ];
  const where = record.interruptedDuring ? `interrupted during step "${firstLine(record.interruptedDuring)}"` : 'interrupted between steps';
  const how = flow.finalRecord ? '' : ' (stopped before it wrote its flow record: this is its progress journal)';
  return `Started; ${done.join(', ')}; ${where}${how}`;
}

function flowCleanup(flow: LoadedFlow, interruption: Interruption | undefined, lines: number): { text: string; moneyMayBeLeft: boolean } {
  if (interruption) {
    const outcome = describeCleanup(interruption.cleanupOutcome);
    const moneyMayBeLeft = interruption.cleanupOutcome === 'incomplete' || interruption.cleanupOutcome === 'failed';
    const own = flow.finalRecord ? '; its own cleanup also ran at teardown (the "cleanup" attachment in the Allure report)' : '';
    return lines > 0
      ? { text: `After the interruption: ${outcome} (its lines about this test below)${own}`, moneyMayBeLeft }
      : { text: `After the interruption: ${outcome} (no line of it names this test)${own}`, moneyMayBeLeft };
  }
  if (flow.finalRecord) {
    return { text: 'Its own cleanup ran at teardown (the "cleanup" attachment in the Allure report)', moneyMayBeLeft: false };
  }
  return {
    text: `No cleanup is recorded for it: the test was stopped before its own cleanup ran, and the run recorded no interruption (${INTERRUPTION_FILE}); run \`${CLEANUP_COMMAND}\` to refund or cancel what it may have left`,
    moneyMayBeLeft: true,
  };
}

/** The line names the test's run id as a whole word (cleanup prints `[run <id>]`, `▸ Run <id> …`). */
function namesRun(line: string, testRunId: string): boolean {
  const escaped = testRunId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`).test(line);
}

/**
 * What the verdict says when the run, a flow or a test was interrupted (undefined when nothing was): a headline clause
 * naming the cause, then the money that may be left at the provider, then each interrupted flow.
 */
export function verdictInterruption(evidence: InterruptionEvidence, allureReport?: string): VerdictInterruption | undefined {
  const interrupted = evidence.flows.filter((flow) => flow.record.status === 'interrupted');
  if (!evidence.interruption && !evidence.interruptionUnreadable && interrupted.length === 0 && evidence.strayScreenshots.length === 0)
    return undefined;
  const headline = evidence.interruption
    ? `the run was interrupted (${describeCause(evidence.interruption)})`
    : evidence.interruptionUnreadable
      ? `the run was interrupted (${INTERRUPTION_FILE} could not be read)`
      : interrupted.length > 0
        ? `${plural(interrupted.length, 'flow was', 'flows were')} interrupted`
        : 'a test was interrupted before it recorded anything but screenshots';
  const perFlow = interrupted.map((flow) => ({ flow, details: flowInterruption(flow, evidence.interruption, allureReport)! }));
  const money: string[] = [];
  if (evidence.interruption && signoffInterruption(evidence.interruption).moneyMayBeLeft) {
    money.push(describeCleanup(evidence.interruption.cleanupOutcome));
  } else if (!evidence.interruption) {
    for (const { flow } of perFlow.filter(({ details }) => details.moneyMayBeLeft)) {
      money.push(
        `Money may be left at the provider: the ${flow.record.flow} test was stopped before its own cleanup ran; run \`${CLEANUP_COMMAND}\``,
      );
    }
  }
  const strays =
    evidence.strayScreenshots.length > 0
      ? [
          `Interrupted: a test left ${plural(evidence.strayScreenshots.length, 'screenshot')} and no record (${evidence.strayScreenshots[0]}${evidence.strayScreenshots.length > 1 ? ', …' : ''})`,
        ]
      : [];
  return {
    headline,
    reasons: [...money, ...perFlow.map(({ flow, details }) => `Interrupted: the ${flow.record.flow} flow: ${details.summary}`), ...strays],
  };
}
