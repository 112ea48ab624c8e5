import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECKLIST, type ChecklistItemId } from '../../model/checklist/catalogue';
import { redactText } from '../../base/redact';
import { readRunApiUsage, type RunApiUsage, type RunApiUsageOptions } from '../../run/rateBudget/runApiUsage';
import type { RehearsedSystem } from '../../model/target/rehearsedSystem';
import { decideChecklist } from './decideChecklist';
import { withDeliveryEvidence } from './deliveryEvidence';
import { addUpDeliveries } from './deliveryTotals';
import { embedScreenshots } from './embedScreenshots';
import { hashFiles, listFiles, MANIFEST_FILE, writeManifest, type WrittenManifest } from './manifest';
import { overallVerdict } from './overallVerdict';
import { printPdf } from './printPdf';
import { readRunEvidence } from './readRunEvidence';
import { renderSignoffHtml } from './renderSignoffHtml';
import { verdictInterruption } from './runInterruption';
import { currentGitCommit, currentOperator, recordedRehearsedSystem } from './runFacts';
import { assembleSignoff, type SignoffDocument } from './signoffDocument';
import { firstLine, plural } from './text';
import type { OverallVerdict } from './types';

/** The files of a run directory the sign-off writes or copies, relative to it. */
export const SIGNOFF_FILES = {
  json: 'signoff.json',
  html: 'signoff.html',
  pdf: 'signoff.pdf',
  manifest: MANIFEST_FILE,
  allureReport: 'allure-report.html',
  log: 'rehearsal.log',
} as const;

export interface BuildSignoffOptions {
  /** `reportPaths(env).runDir(runId)`: where the evidence is and the sign-off goes. */
  runDir: string;
  runId: string;
  mode: string;
  target: string;
  /** Which system was rehearsed; default: what the run recorded in evidence/rehearsed-system.json (none: not shown). */
  rehearsedSystem?: RehearsedSystem;
  /** Default: REHEARSAL_OPERATOR, else the OS user. */
  operator?: string;
  /** Default: `git rev-parse HEAD` of the harness ('unknown' outside a git checkout). */
  gitCommit?: string;
  startedAt: Date | number;
  endedAt: Date | number;
  /** The single-file Allure report, copied into the run directory as allure-report.html (when it exists). */
  allureReportPath?: string;
  /** The console log, copied into the run directory as rehearsal.log (when it exists). */
  logPath?: string;
  /** Items not in this rehearsal's checklist (rehearsal.config.ts `checklist.skip`): skipped with that reason. */
  checklistSkip?: readonly ChecklistItemId[];
  /** Where the run's rate budget (REHEARSAL_RATE_BUDGET_FRACTION, REHEARSAL_RATE_LIMITS) is read; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** The Chromium that prints the PDF; default findBrowser()'s. */
  browserExecutablePath?: string;
  now?: () => Date;
}

export interface BuiltSignoff {
  runDir: string;
  json: string;
  html: string;
  /** Undefined when Chromium could not print it (then `pdfError` says why; everything else was written). */
  pdf: string | undefined;
  pdfError?: string;
  manifest: WrittenManifest;
  verdict: OverallVerdict;
  document: SignoffDocument;
}

const HARNESS_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Builds the sign-off of one run directory: copies the Allure report and the console log in, reads interruption.json
 * and the progress of flows that never finished (an interrupted run is never READY), decides every checklist
 * item from the evidence (a delivery item's reason saying where its evidence came from), counts the run's API calls
 * per zone (evidence/api-calls.jsonl) and its webhook deliveries per endpoint (the flows' delivery records), writes
 * signoff.json, signoff.html (self-contained), signoff.pdf (printed by Chromium), and
 * LAST manifest.json over every other file. A PDF that cannot be printed does not stop the rest (see `pdfError`).
 */
export async function buildSignoff(options: BuildSignoffOptions): Promise<BuiltSignoff> {
  const { runDir } = options;
  const now = options.now ?? (() => new Date());
  const at = (name: string) => path.join(runDir, name);
  await mkdir(runDir, { recursive: true });
  // A half-rebuilt folder must not look sealed by an older manifest, nor keep an older PDF.
  await rm(at(SIGNOFF_FILES.manifest), { force: true });
  await rm(at(SIGNOFF_FILES.pdf), { force: true });
  await copyIfPresent(options.allureReportPath, at(SIGNOFF_FILES.allureReport));
  await copyIfPresent(options.logPath, at(SIGNOFF_FILES.log));

  const evidence = await readRunEvidence(runDir);
  const apiUsage = await readApiUsage(runDir, { mode: options.mode, env: options.env ?? process.env }, evidence.problems);
  const allureReport = (await isFile(at(SIGNOFF_FILES.allureReport))) ? SIGNOFF_FILES.allureReport : undefined;
  const hrefs = new Map(evidence.flows.map((flow) => [flow.record, flow.href]));
  const records = evidence.flows.map((flow) => flow.record);
  const decided = decideChecklist(CHECKLIST, evidence.preflight, records, {
    flowHref: (record) => hrefs.get(record) ?? `evidence/flows/${record.flow}--${record.testRunId}.json`,
    ...(evidence.preflightMissingReason ? { preflightMissingReason: evidence.preflightMissingReason } : {}),
    ...(allureReport ? { allureReportHref: allureReport } : {}),
    ...(options.checklistSkip ? { skipItems: options.checklistSkip } : {}),
    target: options.target,
  });
  const items = withDeliveryEvidence(decided, records, evidence.webhookSink);
  const document = assembleSignoff({
    runId: options.runId,
    mode: options.mode,
    target: options.target,
    rehearsedSystem: options.rehearsedSystem ?? (await recordedRehearsedSystem(runDir)),
    gitCommit: options.gitCommit ?? (await currentGitCommit(HARNESS_ROOT)),
    operator: options.operator ?? currentOperator(),
    startedAt: new Date(options.startedAt),
    endedAt: new Date(options.endedAt),
    generatedAt: now(),
    preflight: evidence.preflight,
    preflightMissingReason: evidence.preflightMissingReason,
    flows: evidence.flows,
    items,
    verdict: overallVerdict(items, {
      target: options.target,
      interruption: verdictInterruption(evidence, allureReport),
    }),
    artifacts: {
      ...(allureReport ? { allureReport } : {}),
      ...((await isFile(at(SIGNOFF_FILES.log))) ? { log: SIGNOFF_FILES.log } : {}),
    },
    evidenceProblems: evidence.problems,
    apiUsage,
    deliveries: addUpDeliveries(
      records.flatMap((record) => record.deliveries ?? []),
      evidence.webhookSink,
    ),
    interruption: evidence.interruption,
    unrecordedScreenshots: evidence.strayScreenshots,
  });
  await writeAtomically(at(SIGNOFF_FILES.json), `${JSON.stringify(document, null, 2)}\n`);

  const others = await listFiles(runDir, new Set([SIGNOFF_FILES.html, SIGNOFF_FILES.pdf, SIGNOFF_FILES.manifest]));
  const artifacts = await hashFiles(
    runDir,
    others.filter((file) => !file.endsWith('.partial')),
  );
  const screenshots = await embedScreenshots(runDir, document.flows);
  await writeAtomically(at(SIGNOFF_FILES.html), renderSignoffHtml({ document, screenshots, artifacts }));

  let pdfError: string | undefined;
  try {
    await printPdf(at(SIGNOFF_FILES.html), at(SIGNOFF_FILES.pdf), {
      footer: `Go-live sign-off, run ${options.runId}`,
      ...(options.browserExecutablePath ? { executablePath: options.browserExecutablePath } : {}),
    });
  } catch (error) {
    await rm(`${at(SIGNOFF_FILES.pdf)}.partial`, { force: true });
    pdfError = firstLine(error instanceof Error ? error.message : String(error)) ?? 'unknown error';
  }

  const manifest = await writeManifest(runDir, options.runId, now());
  return {
    runDir,
    json: at(SIGNOFF_FILES.json),
    html: at(SIGNOFF_FILES.html),
    pdf: pdfError ? undefined : at(SIGNOFF_FILES.pdf),
    ...(pdfError ? { pdfError: redactText(pdfError) } : {}),
    manifest,
    verdict: document.verdict,
    document,
  };
}

/** The run's API calls per zone; a call log that cannot be read, or its unreadable lines, become evidence problems. */
async function readApiUsage(runDir: string, options: RunApiUsageOptions, problems: string[]): Promise<RunApiUsage | undefined> {
  try {
    const usage = await readRunApiUsage(runDir, options);
    if (usage && usage.badLines > 0) {
      const one = usage.badLines === 1;
      problems.push(`${usage.file}: ${plural(usage.badLines, 'unreadable line')} skipped (${one ? 'it counts' : 'they count'} no call)`);
    }
    return usage;
  } catch (error) {
    problems.push(
      redactText(
        `evidence/api-calls.jsonl could not be read (${firstLine(error instanceof Error ? error.message : String(error)) ?? 'unknown error'}); no API calls are shown`,
      ),
    );
    return undefined;
  }
}

async function copyIfPresent(from: string | undefined, to: string): Promise<void> {
  if (from && path.resolve(from) !== path.resolve(to) && (await isFile(from))) await copyFile(from, to);
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const partial = `${file}.partial`;
  await writeFile(partial, text, 'utf8');
  await rename(partial, file);
}
