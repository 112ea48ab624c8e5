import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readdir, readFile, rename, writeFile, type FileHandle } from 'node:fs/promises';
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

/** What a folder entry that is neither a regular file nor a directory is, in words. */
export type OtherEntryKind = 'a symbolic link' | 'a FIFO' | 'a socket' | 'a device' | 'not a regular file';

/** Everything under a folder, never following a symbolic link: regular files, and every other entry that is not a directory. */
export interface FolderEntries {
  /** Regular files, relative, forward slashes, sorted. */
  files: string[];
  /** Symbolic links (to files or directories), FIFOs, sockets, devices: relative path → what it is. Sorted by path. */
  others: Map<string, OtherEntryKind>;
}

/** Opened read-only without following a symbolic link, and without blocking on a FIFO. */
const READ_NO_FOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Walks `dir` without following symbolic links (a link to a directory is an entry, not a folder to walk into);
 * `exclude` names relative paths to leave out.
 */
export async function listEntries(dir: string, exclude: ReadonlySet<string> = new Set()): Promise<FolderEntries> {
  const files: string[] = [];
  const others: Array<[string, OtherEntryKind]> = [];
  async function walk(relative: string): Promise<void> {
    const entries = await readdir(path.join(dir, relative), { withFileTypes: true });
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (exclude.has(child)) continue;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) files.push(child);
      else others.push([child, otherEntryKind(entry)]);
    }
  }
  await walk('');
  return { files: files.sort(), others: new Map(others.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}

/** Every regular file under `dir`, relative, with forward slashes, sorted; `exclude` names relative paths to leave out. */
export async function listFiles(dir: string, exclude: ReadonlySet<string> = new Set()): Promise<string[]> {
  return (await listEntries(dir, exclude)).files;
}

/** What a folder entry (or lstat result) that is neither a regular file nor a directory is. */
export function otherEntryKind(entry: {
  isSymbolicLink(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isBlockDevice(): boolean;
  isCharacterDevice(): boolean;
}): OtherEntryKind {
  if (entry.isSymbolicLink()) return 'a symbolic link';
  if (entry.isFIFO()) return 'a FIFO';
  if (entry.isSocket()) return 'a socket';
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Size and SHA-256 of a regular file, read through one descriptor opened without following a symbolic link
 * (streamed, so a large Allure report is not read into memory at once); undefined when `file` is not a regular
 * file (a symbolic link, a FIFO, a directory…) or is gone.
 */
export async function hashRegularFile(file: string): Promise<Omit<ManifestEntry, 'path'> | undefined> {
  const handle = await openRegularFile(file);
  if (!handle) return undefined;
  try {
    const { size } = await handle.stat();
    const hash = createHash('sha256');
    for await (const chunk of handle.createReadStream({ autoClose: false, start: 0 })) hash.update(chunk as Buffer);
    return { bytes: size, sha256: hash.digest('hex') };
  } finally {
    await handle.close();
  }
}

/** The whole content of a regular file, never through a symbolic link; undefined when it is not one or is gone. */
export async function readRegularFile(file: string): Promise<Buffer | undefined> {
  const handle = await openRegularFile(file);
  if (!handle) return undefined;
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

async function openRegularFile(file: string): Promise<FileHandle | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(file, READ_NO_FOLLOW);
  } catch (error) {
    // ELOOP: a symbolic link (O_NOFOLLOW); ENXIO: a socket; ENOENT / ENOTDIR: gone.
    if (['ELOOP', 'ENXIO', 'ENOENT', 'ENOTDIR', 'EMLINK'].includes((error as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw error;
  }
  if ((await handle.stat()).isFile()) return handle;
  await handle.close();
  return undefined;
}

/** Size and SHA-256 of each regular file (paths relative to `dir`), in the order given; throws when one is not a regular file. */
export async function hashFiles(dir: string, files: string[]): Promise<ManifestEntry[]> {
  const entries: ManifestEntry[] = [];
  for (const file of files) {
    const hashed = await hashRegularFile(path.join(dir, file));
    if (!hashed) throw new Error(`${path.join(dir, file)} is not a regular file (a symbolic link, or gone): it cannot be hashed.`);
    entries.push({ path: file, ...hashed });
  }
  return entries;
}

export interface WrittenManifest {
  file: string;
  /** SHA-256 of manifest.json itself: the manifest cannot list itself, so the signer records this. */
  sha256: string;
  manifest: Manifest;
}

/** Writes `<runDir>/manifest.json` (atomically) over every other regular file of the run directory. Call it last. */
export async function writeManifest(runDir: string, runId: string, now: Date = new Date()): Promise<WrittenManifest> {
  const files = await hashFiles(runDir, await listFiles(runDir, new Set([MANIFEST_FILE])));
  const manifest: Manifest = { runId, createdAt: now.toISOString(), algorithm: 'sha256', files };
  const file = path.join(runDir, MANIFEST_FILE);
  const partial = `${file}.partial`;
  await writeFile(partial, `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  await rename(partial, file);
  return {
    file,
    sha256: createHash('sha256')
      .update(await readFile(file))
      .digest('hex'),
    manifest,
  };
}
