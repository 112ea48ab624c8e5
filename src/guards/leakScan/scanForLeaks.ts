import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { gunzipSync, unzipSync } from 'fflate';
import { findLeaksInText, type LeakKind } from './patterns';

export type { LeakKind } from './patterns';

/** A secret found in an artifact. `excerpt` has the secret itself replaced: it is safe to print. */
export interface LeakHit {
  /** The file on disk (absolute when the scanned path was). */
  file: string;
  /** Inside the file: a zip entry (`trace.trace`), an embedded base64 blob (`data/attachments/x.json`), or both. */
  entry?: string;
  kind: LeakKind;
  excerpt: string;
  /** How many times the same secret appears in the same file/entry (reported once). */
  occurrences: number;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const GZIP_MAGIC = [0x1f, 0x8b, 0x08];
/** Files whose embedded base64 runs are decoded too: Allure's single-file report inlines results and attachments. */
const DECODE_BASE64_IN = new Set(['.html', '.htm', '.json', '.jsonl', '.trace', '.network', '.txt', '.log', '.md']);
/** Standard base64 runs of 40+ characters (a shorter one cannot hold a key or card number worth decoding). */
const BASE64_RUN = /[A-Za-z0-9+/]{40,}={0,2}/g;
/**
 * How deep archives and encodings are opened: a zip in base64 in an HTML report in a zip is 4 levels; no artifact
 * the rehearsal writes comes near 8. Deeper content is not expanded.
 */
const MAX_NESTING = 8;
/** How many bytes the archives and gzip streams of one file may expand to, all levels together (a zip bomb stops here). */
const MAX_EXPANDED_BYTES = 1024 * 1024 * 1024;

/** What one file on disk may still expand to. */
interface Budget {
  bytes: number;
}

/**
 * Scans every file under `paths` (files or folders, walked recursively) for secret/restricted keys, webhook
 * secrets and Luhn-valid card numbers: text files as they are; zip files (Playwright traces) entry by entry; gzip
 * streams expanded; base64 runs inside HTML/JSON/trace text decoded and scanned as bytes again (text, or a zip or
 * gzip opened in turn: the single-file report inlines an attached trace that way), nested up to a bound. Binary
 * files and binary entries (screenshots, videos, fonts) are skipped: their bytes are not text and would only give
 * false positives. Missing paths are ignored. Hits come back one per distinct secret per file/entry, excerpts
 * redacted.
 */
export async function scanForLeaks(paths: string[]): Promise<LeakHit[]> {
  const hits: LeakHit[] = [];
  for (const path of paths) await scanPath(path, hits);
  return hits;
}

async function scanPath(path: string, hits: LeakHit[]): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return;
  if (info.isDirectory()) {
    const names = (await readdir(path)).sort();
    for (const name of names) await scanPath(join(path, name), hits);
    return;
  }
  if (!info.isFile()) return;
  const bytes = await readFile(path);
  scanBytes(bytes, { file: path, entry: [], hits, depth: 0, embedded: false, budget: { bytes: MAX_EXPANDED_BYTES } });
}

/** Where the bytes being scanned are, and what was opened to reach them. */
interface Place {
  file: string;
  /** Zip entries and base64 blobs on the way, outermost first. */
  entry: string[];
  hits: LeakHit[];
  depth: number;
  /** Decoded from base64: its text is searched for further base64 whatever its name. */
  embedded: boolean;
  budget: Budget;
}

function scanBytes(bytes: Uint8Array, place: Place): void {
  if (startsWith(bytes, ZIP_MAGIC)) return scanZip(bytes, place);
  if (startsWith(bytes, GZIP_MAGIC)) return scanGzip(bytes, place);
  const text = asText(bytes);
  if (text === undefined) return;
  const name = place.entry.at(-1) ?? place.file;
  const decodeBase64 = place.embedded || DECODE_BASE64_IN.has(extname(name).toLowerCase()) || looksLikeMarkup(text);
  scanText(text, place, decodeBase64);
}

function scanZip(bytes: Uint8Array, place: Place): void {
  if (place.depth >= MAX_NESTING) return;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (info) => !info.name.endsWith('/') && spend(place.budget, info.originalSize) });
  } catch {
    return; // a truncated or encrypted zip: nothing readable
  }
  for (const [entryName, content] of Object.entries(entries)) {
    scanBytes(content, { ...place, entry: [...place.entry, entryName], depth: place.depth + 1, embedded: false });
  }
}

function scanGzip(bytes: Uint8Array, place: Place): void {
  if (place.depth >= MAX_NESTING || bytes.length < 18) return;
  // The last four bytes are the expanded size (modulo 4 GiB).
  const size = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readUInt32LE(bytes.length - 4);
  if (!spend(place.budget, size)) return;
  let expanded: Uint8Array;
  try {
    expanded = gunzipSync(bytes);
  } catch {
    return; // truncated or not gzip after all
  }
  scanBytes(expanded, { ...place, depth: place.depth + 1 });
}

function spend(budget: Budget, bytes: number): boolean {
  if (bytes > budget.bytes) return false;
  budget.bytes -= bytes;
  return true;
}

function scanText(text: string, place: Place, decodeBase64: boolean): void {
  const { file, entry, hits } = place;
  const seen = new Map<string, LeakHit>();
  const entryName = entry.length ? entry.join(' › ') : undefined;
  for (const leak of findLeaksInText(text)) {
    const key = `${leak.kind}\u0000${leak.value}`;
    const known = seen.get(key);
    if (known) {
      known.occurrences += 1;
      continue;
    }
    const hit: LeakHit = { file, ...(entryName ? { entry: entryName } : {}), kind: leak.kind, excerpt: leak.excerpt, occurrences: 1 };
    seen.set(key, hit);
    hits.push(hit);
  }
  if (!decodeBase64 || place.depth >= MAX_NESTING) return;
  for (const match of text.matchAll(BASE64_RUN)) {
    const decoded = decodeBase64Run(match[0]);
    if (decoded.length === 0) continue;
    const label = embeddedName(text, match.index) ?? `base64 at character ${match.index}`;
    scanBytes(decoded, { ...place, entry: [...entry, label], depth: place.depth + 1, embedded: true });
  }
}

/** Allure's single-file report: `d("data/attachments/<id>.json","<base64>")`; the name makes the hit findable. */
function embeddedName(text: string, index: number): string | undefined {
  const before = text.slice(Math.max(0, index - 300), index);
  return /d\(\s*"([^"]{1,250})"\s*,\s*"$/.exec(before)?.[1] ?? /data:([\w/+.-]{1,80})(?:;[\w=.-]+)*;base64,$/.exec(before)?.[1];
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

/** The bytes as UTF-8 text, or undefined when they are binary (NUL bytes, or mostly non-printable). */
function asText(bytes: Uint8Array): string | undefined {
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) return undefined;
  if (!mostlyPrintable(Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength).toString('utf8'))) return undefined;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** The bytes a base64 run stands for (a run whose length is not a multiple of 4 loses its incomplete tail). */
function decodeBase64Run(run: string): Uint8Array {
  return Buffer.from(run.slice(0, run.length - (run.length % 4)), 'base64');
}

/** At least 95% of the characters are printable (tabs and newlines count; U+FFFD, from invalid UTF-8, does not). */
function mostlyPrintable(text: string): boolean {
  if (text.length === 0) return false;
  let bad = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) bad += 1;
  }
  return bad / text.length <= 0.05;
}

function looksLikeMarkup(text: string): boolean {
  const start = text.trimStart().slice(0, 64).toLowerCase();
  return start.startsWith('<!doctype html') || start.startsWith('<html') || start.startsWith('{') || start.startsWith('[');
}
