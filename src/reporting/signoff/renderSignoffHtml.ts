import { formatDuration, formatUtc, safe } from './html';
import type { ManifestEntry } from './manifest';
import { renderApiUsageTable } from './renderApiUsageTable';
import { renderArtifactTable } from './renderArtifactTable';
import { renderChecklistTable } from './renderChecklistTable';
import { renderDeliverySection } from './renderDeliverySection';
import { renderFlowSection } from './renderFlowSection';
import { renderInterruptionSection } from './renderInterruptionSection';
import { renderSignatureBlock } from './renderSignatureBlock';
import { relativeHref } from './relativeHref';
import { SIGNOFF_CSS } from './signoffCss';
import type { SignoffDocument } from './signoffDocument';
import { STATUS_LABEL, VERDICT_SYMBOL } from './statusLabels';

export interface RenderInput {
  document: SignoffDocument;
  /** Screenshot file (relative to the run directory) → `data:image/…;base64,…` URI, for the ones to embed. */
  screenshots: ReadonlyMap<string, string>;
  /** The other files of the run directory, hashed. */
  artifacts: ManifestEntry[];
}

/**
 * The sign-off as ONE self-contained HTML page (inline CSS and SVG, screenshots as data: URIs, no script, no
 * request to anywhere): the verdict first, then the run's facts, the checklist, each flow's timeline and
 * screenshots, the webhook deliveries per endpoint (when the run recorded any), the API calls per zone, the
 * artifacts with their hashes, and the block the signer fills in. Every string from the evidence is redacted and
 * escaped.
 */
export function renderSignoffHtml({ document, screenshots, artifacts }: RenderInput): string {
  const { run } = document;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing on this page may load from anywhere: the policy makes the browser enforce it.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`,
    `<title>${safe(`Go-live sign-off: ${run.target} (${run.mode}), run ${run.runId}`)}</title>`,
    `<style>${SIGNOFF_CSS}</style>`,
    '</head><body>',
    `<header><h1>Go-live sign-off: ${safe(run.target)} (${safe(run.mode)} mode)</h1>`,
    `<p class="muted">Dress rehearsal run <code>${safe(run.runId)}</code>, report generated ${safe(formatUtc(run.generatedAt))}</p>`,
    `<p class="rehearsed-system" data-testid="rehearsed-system">Rehearsed: <strong>${safe(rehearsedSystemText(run))}</strong></p></header>`,
    renderInterruptedNote(document),
    renderVerdict(document),
    '<h2>The run</h2>',
    renderRunFacts(document),
    renderInterruptionSection(document),
    '<h2>Go-live checklist</h2>',
    renderLegend(document),
    renderChecklistTable(document.items),
    '<h2>Rehearsed flows</h2>',
    document.flows.length
      ? document.flows.map((flow) => renderFlowSection(flow, screenshots)).join('')
      : '<p class="muted">No flow ran in this rehearsal.</p>',
    renderDeliverySection(document),
    '<h2>API calls per zone</h2>',
    renderApiUsageTable(document),
    renderProblems(document),
    '<h2>Artifacts</h2>',
    renderArtifactTable(artifacts),
    renderSignatureBlock(document),
    '</body></html>',
    '',
  ].join('\n');
}

/** One line above the verdict when the run was interrupted: what stopped it, and whether money may be left. */
function renderInterruptedNote({ interruption }: SignoffDocument): string {
  if (!interruption) return '';
  const money = interruption.moneyMayBeLeft ? ` ${interruption.cleanup}.` : '';
  return `<p class="interrupted-note" data-testid="interrupted-note">⚠ This run was interrupted: ${safe(interruption.summary)}.${safe(money)}</p>`;
}

function renderVerdict({ verdict }: SignoffDocument): string {
  const reasons = verdict.reasons.length
    ? `<ul data-testid="verdict-reasons">${verdict.reasons.map((reason) => `<li>${safe(reason)}</li>`).join('')}</ul>`
    : '';
  const hint = verdict.hint ? `<p class="hint" data-testid="verdict-hint">→ ${safe(verdict.hint)}</p>` : '';
  return (
    `<section class="verdict ${verdict.kind}" data-testid="verdict" data-verdict="${verdict.kind}">` +
    `<h2 data-testid="verdict-headline">${VERDICT_SYMBOL[verdict.kind]} ${safe(verdict.headline)}</h2>${reasons}${hint}</section>`
  );
}

function renderRunFacts(document: SignoffDocument): string {
  const { run, artifacts, preflight } = document;
  const account = run.provider.account
    ? `${run.provider.account.displayName ?? ''} (${run.provider.account.id})`.trim()
    : 'not recorded (preflight did not run)';
  const link = (href: string | undefined, text: string) =>
    href ? `<a href="${safe(relativeHref(href))}">${safe(text)}</a>` : '<span class="muted">not in this run folder</span>';
  const counts = preflight.ran
    ? `${preflight.counts.passed} passed, ${preflight.counts.failed} failed, ${preflight.counts.warning} warnings, ${preflight.counts.skipped} skipped`
    : (preflight.missingReason ?? 'did not run');
  const facts: Array<[string, string]> = [
    ['Mode', safe(run.mode)],
    ['Target', safe(run.target)],
    ['Rehearsed system', safe(rehearsedSystemText(run))],
    ['Provider account', safe(account)],
    ['Provider API version', safe(run.provider.apiVersion ?? 'not recorded (preflight did not run)')],
    ['Harness commit', `<code>${safe(run.gitCommit)}</code>`],
    ['Started', safe(formatUtc(run.startedAt))],
    ['Ended', `${safe(formatUtc(run.endedAt))} <span class="muted">(${safe(formatDuration(run.durationMs))})</span>`],
    ['Operator', safe(run.operator)],
    ['Preflight checks', `${safe(counts)}${preflight.file ? ` (${link(preflight.file, preflight.file)})` : ''}`],
    ['Flows', safe(flowCounts(document))],
    ...(document.interruption
      ? [
          ['Interrupted', `${safe(document.interruption.summary)}; cleanup ${safe(document.interruption.cleanupOutcome)} (see below)`] as [
            string,
            string,
          ],
        ]
      : []),
    ['Full test report', link(artifacts.allureReport, 'allure-report.html (Allure: every step and attachment)')],
    ['Console log', link(artifacts.log, 'rehearsal.log')],
  ];
  return `<dl class="facts" data-testid="run-facts">${facts.map(([term, value]) => `<dt>${safe(term)}</dt><dd>${value}</dd>`).join('')}</dl>`;
}

/** Which system was rehearsed, in words, or that the run did not record it. */
function rehearsedSystemText(run: SignoffDocument['run']): string {
  return run.rehearsedSystem?.description ?? 'not recorded (the run wrote no evidence/rehearsed-system.json)';
}

function flowCounts(document: SignoffDocument): string {
  if (document.flows.length === 0) return 'none ran';
  const counts = new Map<string, number>();
  for (const flow of document.flows) counts.set(flow.status, (counts.get(flow.status) ?? 0) + 1);
  return [...counts].map(([status, count]) => `${count} ${status === 'timedOut' ? 'timed out' : status}`).join(', ');
}

function renderLegend(document: SignoffDocument): string {
  const count = (status: keyof typeof STATUS_LABEL) => document.items.filter((verdict) => verdict.status === status).length;
  const parts = (Object.keys(STATUS_LABEL) as Array<keyof typeof STATUS_LABEL>).map(
    (status) =>
      `<span class="status status-${status}">${STATUS_LABEL[status].symbol} ${count(status)} ${STATUS_LABEL[status].word.toLowerCase()}</span>`,
  );
  return `<p>${parts.join(' · ')} <span class="muted small">(of ${document.items.length} items)</span></p>`;
}

function renderProblems(document: SignoffDocument): string {
  if (document.evidenceProblems.length === 0) return '';
  return (
    '<h2>Evidence that could not be read</h2>' +
    `<ul>${document.evidenceProblems.map((problem) => `<li>${safe(problem)}</li>`).join('')}</ul>`
  );
}
