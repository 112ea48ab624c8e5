import { redactText } from '../../base/redact';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}

/** Any value as redacted, escaped text: what every string from evidence goes through before it reaches the page. */
export function safe(value: unknown): string {
  return escapeHtml(redactText(value === undefined || value === null ? '' : String(value)));
}

/** "2026-11-23 17:45:12 UTC" (with ".345" when `withMs`); an empty string for no time. */
export function formatUtc(at: number | string | undefined, withMs = false): string {
  if (at === undefined || at === '') return '';
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, withMs ? 23 : 19)} UTC`;
}

/** "1 min 12 s", "4.2 s", "350 ms". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}
