import { apiUsageLine, apiUsageWarnings } from './apiUsageSummary';
import type { BuiltSignoff } from './buildSignoff';
import { endpointSummary, pendingWebhooksSummary, SENDER_LABEL, sinkSummary, troubledDeliveryText } from './deliveryWords';
import type { SignoffDocument } from './signoffDocument';
import { VERDICT_SYMBOL } from './statusLabels';
import type { OverallVerdict } from './types';

/** "Manifest SHA-256: <hex> (<path>)": the one hash the manifest cannot hold, for the signer to record. */
export function manifestHashLine(sha256: string, file: string): string {
  return `Manifest SHA-256: ${sha256} (${file}; record it: the manifest lists every other file, not itself)`;
}

/**
 * The manifest's hash, where the sign-off is (HTML, PDF), the run's webhook deliveries per endpoint and its API calls
 * per zone when it recorded them.
 */
export function signoffFileLines(built: BuiltSignoff): string[] {
  return [
    manifestHashLine(built.manifest.sha256, built.manifest.file),
    `Sign-off report: ${built.html}`,
    built.pdf ? `Sign-off PDF: ${built.pdf}` : `Sign-off PDF: not printed (${built.pdfError ?? 'unknown error'})`,
    ...deliveryLines(built.document),
    ...apiUsageLines(built.document),
  ];
}

/**
 * "API calls: provider 265 (peak 12/s of 25), … — no 429", then "! …" per peak over the budget or zone with 429s
 * (warnings: the verdict does not depend on them); nothing when the run recorded no call log.
 */
export function apiUsageLines(document: SignoffDocument): string[] {
  if (!document.apiUsage) return [];
  return [apiUsageLine(document.apiUsage), ...apiUsageWarnings(document.apiUsage).map((warning) => `! ${warning}`)];
}

/** How many failed or retried deliveries the console names; the rest are in signoff.html. */
const MAX_TROUBLED_LINES = 10;

/**
 * "Webhook deliveries:", then one line per merchant endpoint ("  provider → <url>: 11 of 12 events delivered (91.7 %),
 * …"), the provider's pending_webhooks counts, the harness's sink, and "! …" per delivery that failed or needed
 * retries, with its attempts (the first 10); nothing when the run recorded no delivery.
 */
export function deliveryLines(document: SignoffDocument): string[] {
  const { deliveries } = document;
  if (!deliveries) return [];
  const shown = deliveries.troubled.slice(0, MAX_TROUBLED_LINES);
  const more = deliveries.troubled.length - shown.length;
  return [
    'Webhook deliveries:',
    ...deliveries.endpoints.map((row) => `  ${SENDER_LABEL[row.sender]} → ${row.url}: ${endpointSummary(row)}`),
    ...(deliveries.pendingWebhooks ? [`  provider → every endpoint: ${pendingWebhooksSummary(deliveries.pendingWebhooks)}`] : []),
    ...(deliveries.sink ? [`  the harness's sink (not a merchant endpoint): ${sinkSummary(deliveries.sink)}`] : []),
    ...shown.map((delivery) => `! ${troubledDeliveryText(delivery)}`),
    ...(more > 0 ? [`! and ${more} more delivery problems: see the sign-off report`] : []),
  ];
}

/** The verdict headline, one line per reason behind it, and what to do about items the target could not rehearse. */
export function verdictLines(verdict: OverallVerdict): string[] {
  return [
    `${VERDICT_SYMBOL[verdict.kind]} ${verdict.headline}`,
    ...verdict.reasons.map((reason) => `  - ${reason}`),
    ...(verdict.hint ? [`  → ${verdict.hint}`] : []),
  ];
}

/**
 * What `rehearse report` prints last: the manifest's hash, where the sign-off is, and the verdict headline with one
 * line per reason behind it (`rehearse run` prints the same, with its scenarios' result just before the verdict).
 */
export function signoffSummaryLines(built: BuiltSignoff): string[] {
  return [...signoffFileLines(built), ...verdictLines(built.verdict)];
}
