import { formatDuration, formatUtc, safe } from './html';
import { relativeHref } from './relativeHref';
import type { FlowSummary } from './signoffDocument';
import { flowStatusWord, STEP_STATUS_LABEL } from './statusLabels';
import { timelineSvg } from './timelineSvg';

/** Screenshots shown per flow; the rest are in the run directory and the Allure report. */
export const KEY_SCREENSHOTS_PER_FLOW = 6;

/**
 * One rehearsed flow: what happened, its steps, its timeline (inline SVG) and its key screenshots; an interrupted flow
 * also where it stopped, what cleanup did for it and links to every piece of evidence it left.
 */
export function renderFlowSection(flow: FlowSummary, screenshots: ReadonlyMap<string, string>): string {
  const facts: Array<[string, string]> = [
    ['Flow', safe(flow.flow)],
    ['Status', safe(flowStatusWord(flow.status))],
    ['Spec file', safe(flow.file)],
    ['Started', safe(formatUtc(flow.startedAt))],
    ['Took', safe(formatDuration(flow.durationMs))],
    ['Provider calls', safe(`${flow.providerRequests.total} recorded, ${flow.providerRequests.withoutRequestId} without a request id`)],
    [
      flow.interruption && !flow.interruption.finalRecord ? 'Progress journal' : 'Flow record',
      `<a href="${safe(relativeHref(flow.record))}">${safe(flow.record)}</a>`,
    ],
  ];
  if (flow.interruption) {
    facts.splice(2, 0, ['Interrupted', safe(flow.interruption.summary)]);
  }
  if (flow.skipReason)
    facts.splice(2, 0, [flow.skipKind === 'target-gap' ? 'Skipped: the target cannot' : 'Skipped because', safe(flow.skipReason)]);
  if (flow.error) facts.splice(2, 0, ['Error', safe(flow.error)]);
  const id = `flow-${flow.testRunId}`;
  return (
    `<section class="flow" id="${safe(id)}" data-testid="flow-${safe(flow.flow)}" data-status="${safe(flow.status)}">` +
    `<h3>${safe(flow.flow)}: ${safe(flow.title)}</h3>` +
    `<dl class="facts">${facts.map(([term, value]) => `<dt>${safe(term)}</dt><dd>${value}</dd>`).join('')}</dl>` +
    renderInterruptedFlow(flow) +
    renderSteps(flow) +
    `<h4>Timeline</h4>` +
    timelineSvg(
      flow.timeline.map((point) => ({ ...point, at: Date.parse(point.at) })),
      { id: flow.testRunId, title: flow.flow },
    ) +
    renderScreenshots(flow, screenshots) +
    '</section>'
  );
}

function renderSteps(flow: FlowSummary): string {
  if (flow.steps.length === 0) return '<p class="muted">No step was recorded.</p>';
  const rows = flow.steps.map((step) => {
    const label = STEP_STATUS_LABEL[step.status] ?? STEP_STATUS_LABEL.failed;
    const failedFor = step.failedItems ? ` (fails ${step.failedItems.join(', ')} only)` : '';
    const note = step.error
      ? `${step.error}${failedFor}`
      : ((step.skipReason && step.skipKind === 'target-gap' ? `The target cannot: ${step.skipReason}` : step.skipReason) ?? '');
    return (
      `<tr><td class="status status-${step.status}">${label.symbol} ${label.word}</td><td>${safe(step.title)}` +
      `${note ? `<div class="small muted">${safe(note)}</div>` : ''}</td>` +
      `<td class="small">${safe(step.checklist.join(', '))}</td><td class="small">${safe(formatDuration(step.durationMs))}</td></tr>`
    );
  });
  return (
    '<table class="steps"><thead><tr><th>Status</th><th>Step</th><th>Checklist items</th><th>Took</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

/** What cleanup did for an interrupted flow (a warning when money may be left) and every piece of evidence it left. */
function renderInterruptedFlow(flow: FlowSummary): string {
  const interruption = flow.interruption;
  if (!interruption) return '';
  const lines = interruption.cleanupLines.length ? `<pre class="console">${safe(interruption.cleanupLines.join('\n'))}</pre>` : '';
  const links = interruption.evidence
    .map(
      (link) =>
        `<li><a href="${safe(relativeHref(link.href))}">${safe(link.label)}</a> <span class="muted small">${safe(link.href)}</span></li>`,
    )
    .join('');
  return (
    `<div class="interrupted-flow" data-testid="interrupted-flow-${safe(flow.testRunId)}">` +
    `<p class="${interruption.moneyMayBeLeft ? 'money-warning' : 'small'}" data-testid="flow-cleanup">${interruption.moneyMayBeLeft ? '⚠ ' : ''}${safe(interruption.cleanup)}</p>` +
    lines +
    `<h4>Evidence it left</h4><ul class="evidence" data-testid="interrupted-evidence">${links}</ul>` +
    '</div>'
  );
}

function renderScreenshots(flow: FlowSummary, screenshots: ReadonlyMap<string, string>): string {
  if (flow.screenshots.length === 0) return '';
  const figures = flow.screenshots.slice(0, KEY_SCREENSHOTS_PER_FLOW).map((shot) => {
    const caption = `${safe(shot.name)}${shot.step ? ` <span class="muted">(step: ${safe(shot.step)})</span>` : ''}`;
    const dataUri = screenshots.get(shot.file);
    const picture = dataUri
      ? `<img src="${dataUri}" alt="${safe(shot.name)}">`
      : `<p class="muted small">Not embedded: <a href="${safe(relativeHref(shot.file))}">${safe(shot.file)}</a></p>`;
    return `<figure>${picture}<figcaption>${caption}</figcaption></figure>`;
  });
  const more = flow.screenshots.length - figures.length;
  return (
    `<h4>Key screenshots</h4><div class="shots">${figures.join('')}</div>` +
    (more > 0 ? `<p class="muted small">${more} more in the Allure report and evidence/screenshots/.</p>` : '')
  );
}
