import { safe } from './html';
import { relativeHref } from './relativeHref';
import { STATUS_LABEL } from './statusLabels';
import type { ItemVerdict } from './types';

/** The checklist: one row per item (`data-testid="checklist-row-<id>"`, `data-status`), in catalogue order. */
export function renderChecklistTable(items: ItemVerdict[]): string {
  const rows = items.map((verdict, index) => {
    const { item, status } = verdict;
    const label = STATUS_LABEL[status];
    const severity = item.severity === 'blocking' ? 'Blocking' : 'Warning only (never blocks)';
    const hint = verdict.hint ? `<div class="hint" data-testid="checklist-hint-${safe(item.id)}">→ ${safe(verdict.hint)}</div>` : '';
    const warnings = verdict.warnings.length
      ? `<ul class="warnings">${verdict.warnings.map((warning) => `<li>⚠ ${safe(warning)}</li>`).join('')}</ul>`
      : '';
    const evidence = verdict.evidence.length
      ? `<ul class="evidence">${verdict.evidence.map((link) => `<li><a href="${safe(relativeHref(link.href))}">${safe(link.label)}</a></li>`).join('')}</ul>`
      : '<span class="muted small">none</span>';
    return (
      `<tr data-testid="checklist-row-${safe(item.id)}" data-status="${status}" class="row-${status}">` +
      `<td>${index + 1}</td>` +
      `<td><strong>${safe(item.title)}</strong><div class="small muted">${safe(severity)} · ${safe(item.sourceDetail)}</div>` +
      `<div class="small muted">Why it matters: ${safe(item.why)}</div></td>` +
      `<td class="status status-${status}" data-testid="checklist-status-${safe(item.id)}">${label.symbol} ${label.word}</td>` +
      `<td>${safe(verdict.reason)}${hint}${warnings}</td>` +
      `<td>${evidence}</td>` +
      `</tr>`
    );
  });
  return (
    '<table class="checklist" data-testid="checklist">' +
    '<thead><tr><th>#</th><th>Checklist item</th><th>Status</th><th>Why this status</th><th>Evidence</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}
