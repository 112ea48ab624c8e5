import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { unzipSync } from 'fflate';
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
/** Files whose embedded base64 runs are decoded too: Allure's single-file report inlines results and attachments. */
const DECODE_BASE64_IN = new Set(['.html', '.htm', '.json', '.jsonl', '.trace', '.network', '.txt', '.log', '.md']);
/** Standard base64 runs of 40+ characters (a shorter one cannot hold a key or card number worth decoding). */
const BASE64_RUN = /[A-Za-z0-9+/]{40,}={0,2}/g;
const MAX_NESTING = 3;

/**
 * Scans every file under `paths` (files or folders, walked recursively) for secret/restricted keys, webhook
 * secrets and Luhn-valid card numbers: text files as they are; zip files (Playwright traces) entry by entry;
 * base64 runs inside HTML/JSON/trace text that decode to readable UTF-8. Binary files and binary zip entries
 * (screenshots, videos, fonts) are skipped: their bytes are not text and would only give false positives.
 * Missing paths are ignored. Hits come back one per distinct secret per file/entry, excerpts redacted.
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
  scanBytes(bytes, path, [], hits, 0);
}

function scanBytes(bytes: Uint8Array, file: string, entry: string[], hits: LeakHit[], depth: number): void {
  const name = entry.at(-1) ?? file;
  if (isZip(bytes)) {
    if (depth >= MAX_NESTING) return;
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(bytes);
    } catch {
      return; // a truncated or encrypted zip: nothing readable
    }
    for (const [entryName, content] of Object.entries(entries)) {
      if (entryName.endsWith('/')) continue;
      scanBytes(content, file, [...entry, entryName], hits, depth + 1);
    }
    return;
  }
  const text = asText(bytes);
  if (text === undefined) return;
  scanText(text, file, entry, hits, DECODE_BASE64_IN.has(extname(name).toLowerCase()) || looksLikeMarkup(text), depth);
}

function scanText(text: string, file: string, entry: string[], hits: LeakHit[], decodeBase64: boolean, depth: number): void {
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
  if (!decodeBase64 || depth >= MAX_NESTING) return;
  for (const match of text.matchAll(BASE64_RUN)) {
    const decoded = decodeBase64Text(match[0]);
    if (decoded === undefined) continue;
    const label = embeddedName(text, match.index) ?? `base64 at character ${match.index}`;
    scanText(decoded, file, [...entry, label], hits, true, depth + 1);
  }
}

/** Allure's single-file report: `d("data/attachments/<id>.json","<base64>")`; the name makes the hit findable. */
function embeddedName(text: string, index: number): string | undefined {
  const before = text.slice(Math.max(0, index - 300), index);
  return /d\(\s*"([^"]{1,250})"\s*,\s*"$/.exec(before)?.[1] ?? /data:([\w/+.-]{1,80})(?:;[\w=.-]+)*;base64,$/.exec(before)?.[1];
}

function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((byte, i) => bytes[i] === byte);
}

/** The bytes as UTF-8 text, or undefined when they are binary (NUL bytes, or mostly non-printable). */
function asText(bytes: Uint8Array): string | undefined {
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) return undefined;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return mostlyPrintable(text.slice(0, 8192)) ? text : undefined;
}

function decodeBase64Text(run: string): string | undefined {
  const bytes = Buffer.from(run.slice(0, run.length - (run.length % 4 === 0 ? 0 : run.length % 4)), 'base64');
  if (bytes.length === 0 || bytes.includes(0)) return undefined;
  const text = bytes.toString('utf8');
  return mostlyPrintable(text) ? text : undefined;
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
