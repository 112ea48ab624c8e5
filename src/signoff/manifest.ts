import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const MANIFEST_FILE = 'manifest.json';

export interface ManifestEntry {
  /** Relative to the run directory, forward slashes. */
  path: string;
  bytes: number;
  sha256: string;
}

/** `<runDir>/manifest.json`: every other file of the run directory with its size and SHA-256. */
export interface Manifest {
  runId: string;
  createdAt: string;
  algorithm: 'sha256';
  files: ManifestEntry[];
}

/** SHA-256 of a file, hex; streamed, so a large Allure report is not read into memory at once. */
export function sha256OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Every regular file under `dir`, relative, with forward slashes, sorted; `exclude` names relative paths to leave out. */
export async function listFiles(dir: string, exclude: ReadonlySet<string> = new Set()): Promise<string[]> {
  const found: string[] = [];
  async function walk(relative: string): Promise<void> {
    const entries = await readdir(path.join(dir, relative), { withFileTypes: true });
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile() && !exclude.has(child)) found.push(child);
    }
  }
  await walk('');
  return found.sort();
}

/** Size and SHA-256 of each file (paths relative to `dir`), in the order given. */
export async function hashFiles(dir: string, files: string[]): Promise<ManifestEntry[]> {
  const entries: ManifestEntry[] = [];
  for (const file of files) {
    const absolute = path.join(dir, file);
    entries.push({ path: file, bytes: (await stat(absolute)).size, sha256: await sha256OfFile(absolute) });
  }
  return entries;
}

export interface WrittenManifest {
  file: string;
  /** SHA-256 of manifest.json itself: the manifest cannot list itself, so the signer records this. */
  sha256: string;
  manifest: Manifest;
}

/** Writes `<runDir>/manifest.json` (atomically) over every other file of the run directory. Call it last. */
export async function writeManifest(runDir: string, runId: string, now: Date = new Date()): Promise<WrittenManifest> {
  const files = await hashFiles(runDir, await listFiles(runDir, new Set([MANIFEST_FILE])));
  const manifest: Manifest = { runId, createdAt: now.toISOString(), algorithm: 'sha256', files };
  const file = path.join(runDir, MANIFEST_FILE);
  const partial = `${file}.partial`;
  await writeFile(partial, `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  await rename(partial, file);
  return { file, sha256: createHash('sha256').update(await readFile(file)).digest('hex'), manifest };
}
