import { createHash } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import {
  hashRegularFile,
  listEntries,
  MANIFEST_FILE,
  otherEntryKind,
  readRegularFile,
  type Manifest,
  type ManifestEntry,
  type OtherEntryKind,
} from './manifest';

/** The manifest is missing or is not a manifest: nothing can be verified (the CLI exits 2). */
export class ManifestError extends Error {
  override name = 'ManifestError';
}

export interface ManifestCheck {
  /** SHA-256 of manifest.json itself, to compare with the one the signer recorded. */
  manifestSha256: string;
  manifest: Manifest;
  /** Listed, present, but with other content (or size), or no longer a regular file. */
  changed: ManifestEntry[];
  /** Listed but gone. */
  missing: ManifestEntry[];
  /** Present but not listed (relative paths): regular files, and every symbolic link, FIFO… whatever its path. */
  added: string[];
  /** What each path of `changed` or `added` that is not a regular file is: "a symbolic link", "a FIFO"… */
  notRegular: ReadonlyMap<string, OtherEntryKind>;
}

/**
 * Re-hashes every file `<dir>/manifest.json` lists and finds every changed, missing or added entry. Never follows a
 * symbolic link: a link (to a file or a directory), a FIFO or a socket in the folder is reported, never read.
 */
export async function verifyManifest(dir: string): Promise<ManifestCheck> {
  const manifestFile = path.join(dir, MANIFEST_FILE);
  const bytes = await readRegularFile(manifestFile).catch((error: NodeJS.ErrnoException) => {
    throw new ManifestError(`Could not read ${manifestFile} (${error.message}).`);
  });
  if (!bytes) {
    const kind = await whatIsThere(manifestFile);
    if (kind)
      throw new ManifestError(
        `${manifestFile} is ${kind}, not a regular file: it cannot be verified (\`rehearse run\` writes a regular file).`,
      );
    throw new ManifestError(
      `No ${MANIFEST_FILE} in ${dir}: give the folder of one rehearsal run (reports/<runId>), which \`rehearse run\` writes.`,
    );
  }
  const manifest = parseManifest(bytes.toString('utf8'), manifestFile);
  const { files, others } = await listEntries(dir, new Set([MANIFEST_FILE]));
  const present = new Set(files);
  const changed: ManifestEntry[] = [];
  const missing: ManifestEntry[] = [];
  for (const entry of manifest.files) {
    if (others.has(entry.path)) {
      changed.push(entry); // a symbolic link or a FIFO where the signed-off file was: never read through it
      continue;
    }
    if (!present.has(entry.path)) {
      missing.push(entry);
      continue;
    }
    const now = await hashRegularFile(path.join(dir, entry.path));
    if (!now || now.bytes !== entry.bytes || now.sha256 !== entry.sha256) changed.push(entry);
  }
  const listed = new Set(manifest.files.map((entry) => entry.path));
  const added = [...files, ...others.keys()].filter((file) => !listed.has(file)).sort();
  return { manifestSha256: createHash('sha256').update(bytes).digest('hex'), manifest, changed, missing, added, notRegular: others };
}

/** What is at `file` when it is there but is no regular file ("a symbolic link", "a directory"…), without following a link. */
async function whatIsThere(file: string): Promise<string | undefined> {
  const stats = await lstat(file).catch(() => undefined);
  if (!stats) return undefined;
  return stats.isDirectory() ? 'a directory' : otherEntryKind(stats);
}

function parseManifest(text: string, file: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(`${file} is not valid JSON (${(error as Error).message}): it cannot be verified.`);
  }
  const manifest = value as Partial<Manifest> | null;
  const invalid = (what: string) => new ManifestError(`${file} is not a rehearsal manifest (${what}): it cannot be verified.`);
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) throw invalid('not an object');
  if (manifest.algorithm !== 'sha256') throw invalid(`algorithm ${JSON.stringify(manifest.algorithm)}, expected "sha256"`);
  if (!Array.isArray(manifest.files)) throw invalid('no files list');
  for (const entry of manifest.files as unknown[]) {
    const candidate = entry as Partial<ManifestEntry> | null;
    if (
      typeof candidate !== 'object' ||
      candidate === null ||
      typeof candidate.path !== 'string' ||
      typeof candidate.bytes !== 'number' ||
      typeof candidate.sha256 !== 'string' ||
      !/^[0-9a-f]{64}$/.test(candidate.sha256)
    ) {
      throw invalid('a files entry lacks path, bytes or a SHA-256');
    }
    if (!isInside(candidate.path)) throw invalid(`the path ${JSON.stringify(candidate.path)} points outside the folder`);
  }
  return manifest as Manifest;
}

/** A relative path with forward slashes that stays inside the folder. */
function isInside(file: string): boolean {
  return (
    file.length > 0 &&
    !file.startsWith('/') &&
    !file.includes('\\') &&
    !file.split('/').some((part) => part === '..' || part === '' || part === '.')
  );
}
