import { RATE_ZONES } from '../../run/rateBudget/zones';
import { apiUsageWarnings, perWindow, ZONE_LABEL } from './apiUsageSummary';
import { safe } from './html';
import { relativeHref } from './relativeHref';
import type { SignoffDocument } from './signoffDocument';

/**
 * "API calls per zone": one row per zone (`data-testid="api-usage-row-<zone>"`) with its calls, peak rate per window,
 * limit, peak as % of the limit and 429s, across every worker of the run; then its warnings (peak over the budget,
 * any 429), which do not change the verdict. Says so when the run recorded no call log.
 */
export function renderApiUsageTable({ apiUsage }: SignoffDocument): string {
  if (!apiUsage) {
    return '<p class="muted" data-testid="api-usage-missing">Not recorded: this run folder has no evidence/api-calls.jsonl.</p>';
  }
  const rows = RATE_ZONES.map((zone) => {
    const usage = apiUsage.zones[zone];
    const unit = perWindow(usage.window);
    const flagged = usage.overBudget || usage.status429 > 0;
    return (
      `<tr data-testid="api-usage-row-${zone}"${flagged ? ' class="row-warning"' : ''}>` +
      `<td>${safe(ZONE_LABEL[zone])}</td><td>${usage.calls}</td><td>${usage.peakRate}${unit}</td>` +
      `<td>${safe(usage.limit)}${unit}</td><td>${safe(usage.percentOfLimit)} %</td><td>${usage.status429}</td></tr>`
    );
  });
  const fraction = apiUsage.zones.provider.budgetFraction;
  const warnings = apiUsageWarnings(apiUsage);
  return (
    '<table class="api-usage" data-testid="api-usage">' +
    '<thead><tr><th>Zone</th><th>Calls</th><th>Peak rate</th><th>Limit</th><th>% of limit</th><th>429s</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>` +
    (warnings.length
      ? `<ul class="warnings" data-testid="api-usage-warnings">${warnings.map((warning) => `<li>⚠ ${safe(warning)}</li>`).join('')}</ul>`
      : '') +
    `<p class="small muted">Every worker of the run together, from <a href="${safe(relativeHref(apiUsage.file))}">${safe(apiUsage.file)}</a>: ` +
    `the peak is the most calls started in any one window of the zone (1 s for the provider, 60 s for the referral zones); ` +
    `the run's budget is ${safe(Math.round(fraction * 1000) / 10)} % of each limit. A peak over it or a 429 is a warning, never a verdict.` +
    (apiUsage.badLines > 0 ? ` ${apiUsage.badLines} unreadable line(s) were skipped.` : '') +
    '</p>'
  );
}
