import type { TimelineLane, TimelinePoint } from '../../run/evidence/flowRecord';
import { redactText } from '../../base/redact';
import { safe } from './html';

export const LANES: readonly TimelineLane[] = ['browser', 'provider', 'webhook', 'referral'];

const LANE_X: Record<TimelineLane, number> = { browser: 170, provider: 270, webhook: 370, referral: 470 };
const LANE_COLOUR: Record<TimelineLane, string> = {
  browser: '#2563eb',
  provider: '#7c3aed',
  webhook: '#c2410c',
  referral: '#047857',
};
const WIDTH = 940;
const HEADER = 44;
const ROW = 40;
const LABEL_X = 530;
const MAX_LABEL = 58;

/**
 * The delay between two consecutive moments as the arrow between them shows it: "+340 ms", "+1.4 s", "+2 min 5 s";
 * "≈2 s" when either time is only known to the second.
 */
export function formatDelay(from: TimelinePoint, to: TimelinePoint): string {
  const ms = to.at - from.at;
  if (from.precision === 's' || to.precision === 's') {
    const seconds = Math.max(0, Math.round(ms / 1000));
    return seconds < 60 ? `≈${seconds} s` : `≈${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  }
  const sign = ms < 0 ? '−' : '+';
  const size = Math.abs(ms);
  if (size < 1000) return `${sign}${Math.round(size)} ms`;
  if (size < 60_000) return `${sign}${(size / 1000).toFixed(1)} s`;
  return `${sign}${Math.floor(size / 60_000)} min ${Math.round((size % 60_000) / 1000)} s`;
}

/**
 * One flow's timeline as an inline SVG: a column per lane (browser, provider, webhook, referral), time running down,
 * one node per moment with its label on the right, and an arrow from each moment to the next labelled with the
 * measured delay. Points are drawn in the order given (the flow record keeps them in time order). Coordinates are
 * written with commas, never as long space-separated digit runs (which a card-number scan could mistake for one).
 */
export function timelineSvg(points: readonly TimelinePoint[], options: { id: string; title: string }): string {
  if (points.length === 0) return '<p class="muted">No timeline was recorded for this flow.</p>';
  const height = HEADER + ROW * points.length + 10;
  const y = (index: number) => HEADER + ROW * index + ROW / 2;
  const markerId = `arrow-${options.id}`;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" data-testid="timeline-${safe(options.id)}" viewBox="0 0 ${WIDTH} ${height}" ` +
      `width="100%" role="img" aria-label="${safe(`Timeline of ${options.title}: ${points.length} moments`)}">`,
    `<title>${safe(`Timeline of ${options.title}`)}</title>`,
    `<defs><marker id="${safe(markerId)}" viewBox="0,0,10,10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">` +
      `<path d="M0,0 L10,5 L0,10 z" fill="#475569"/></marker></defs>`,
    `<text x="8" y="22" class="lane-title">time (UTC)</text>`,
    `<text x="${LABEL_X}" y="22" class="lane-title">what happened</text>`,
  );
  for (const lane of LANES) {
    const x = LANE_X[lane];
    parts.push(
      `<text x="${x}" y="22" text-anchor="middle" class="lane-title" fill="${LANE_COLOUR[lane]}">${lane}</text>`,
      `<line x1="${x}" y1="${HEADER - 10}" x2="${x}" y2="${height - 6}" class="lane-line"/>`,
    );
  }
  points.forEach((point, index) => {
    if (index === 0) return;
    const previous = points[index - 1]!;
    const x1 = LANE_X[previous.lane];
    const x2 = LANE_X[point.lane];
    const y1 = y(index - 1) + 8;
    const y2 = y(index) - 8;
    parts.push(
      `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" class="arrow" marker-end="url(#${safe(markerId)})"/>`,
      `<text x="${Math.max(x1, x2) + 10}" y="${(y1 + y2) / 2 + 4}" class="delay">${safe(formatDelay(previous, point))}</text>`,
    );
  });
  points.forEach((point, index) => {
    const x = LANE_X[point.lane];
    const label = truncate(point.label);
    parts.push(
      `<g class="node" data-lane="${point.lane}">`,
      `<text x="8" y="${y(index) + 4}" class="clock">${safe(clock(point))}</text>`,
      `<circle cx="${x}" cy="${y(index)}" r="6" fill="${LANE_COLOUR[point.lane]}"/>`,
      `<text x="${LABEL_X}" y="${y(index) - 2}" class="point-label">${safe(label)}</text>`,
      point.objectId ? `<text x="${LABEL_X}" y="${y(index) + 12}" class="object-id">${safe(truncate(point.objectId))}</text>` : '',
      `</g>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

/** "17:45:12.345" (or "17:45:12" for a time known to the second). */
function clock(point: TimelinePoint): string {
  const iso = new Date(point.at).toISOString();
  return point.precision === 's' ? iso.slice(11, 19) : iso.slice(11, 23);
}

/** Redacted first, then shortened: a cut never leaves half a secret for the redaction to miss. */
function truncate(raw: string): string {
  const text = redactText(raw);
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}
