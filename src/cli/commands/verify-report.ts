import path from 'node:path';
import { UsageError } from '../errors';
import { manifestHashLine } from '../../reporting/signoff/signoffLines';
import { MANIFEST_FILE } from '../../reporting/signoff/manifest';
import { ManifestError, verifyManifest, type ManifestCheck } from '../../reporting/signoff/verifyManifest';
import { plural } from '../../reporting/signoff/text';
import { helpCommand } from './help';

const USAGE = 'rehearse verify-report <run folder> [--manifest-sha256 <hex>]';
const MANIFEST_SHA256_FLAG = '--manifest-sha256';

/**
 * `rehearse verify-report <dir> [--manifest-sha256 <hex>]`: re-hashes every file `<dir>/manifest.json` lists. Prints
 * the manifest's own SHA-256, then one line per changed, missing or added entry (a symbolic link, a FIFO… is named,
 * never followed) and, given the SHA-256 the signer recorded, whether the manifest is still that one; any
 * difference → exit 1, else "✓ <n> files match the manifest" and exit 0. No folder, no valid manifest in it, or a
 * recorded SHA-256 that is not 64 hex digits: exit 2.
 */
export async function verifyReportCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) return helpCommand();
  const { folder, recordedSha256 } = parseArgs(args);
  const dir = path.resolve(folder);
  let check: ManifestCheck;
  try {
    check = await verifyManifest(dir);
  } catch (error) {
    if (error instanceof ManifestError) throw new UsageError(error.message);
    throw error;
  }
  console.log(manifestHashLine(check.manifestSha256, path.join(dir, MANIFEST_FILE)));
  const manifestRewritten = recordedSha256 !== undefined && recordedSha256 !== check.manifestSha256;
  const problems = [
    ...(manifestRewritten
      ? [`✗ changed: manifest.json (its SHA-256 is not the recorded ${recordedSha256}: the manifest was rewritten after sign-off)`]
      : []),
    ...check.changed.map((entry) => {
      const kind = check.notRegular.get(entry.path);
      return `✗ changed: ${entry.path} (${kind ? `now ${kind}, not the signed-off file` : 'its SHA-256 or size differs from the manifest'})`;
    }),
    ...check.missing.map((entry) => `✗ missing: ${entry.path} (listed in the manifest, not in the folder)`),
    ...check.added.map((file) => {
      const kind = check.notRegular.get(file);
      return `✗ added: ${file} (${kind ? `${kind}, ` : ''}in the folder, not in the manifest)`;
    }),
  ];
  if (problems.length === 0) {
    if (recordedSha256 !== undefined) console.log('✓ manifest.json is the one recorded at sign-off (same SHA-256)');
    console.log(`✓ ${plural(check.manifest.files.length, 'file matches', 'files match')} the manifest`);
    return 0;
  }
  for (const line of problems) console.log(line);
  console.log(`✗ ${summary(check, manifestRewritten)}: this is not the folder that was signed off.`);
  return 1;
}

function summary(check: ManifestCheck, manifestRewritten: boolean): string {
  const differing = check.changed.length + check.missing.length + check.added.length;
  const files =
    differing === 0
      ? undefined
      : `${plural(differing, 'file differs', 'files differ')} from the manifest ` +
        `(${check.changed.length} changed, ${check.missing.length} missing, ${check.added.length} added)`;
  const manifest = manifestRewritten ? 'manifest.json is not the one recorded at sign-off' : undefined;
  return [manifest, files].filter(Boolean).join('; ');
}

/** The run folder and the optional recorded SHA-256 (`--manifest-sha256 <hex>` or `--manifest-sha256=<hex>`, any case). */
function parseArgs(args: string[]): { folder: string; recordedSha256?: string } {
  const positional: string[] = [];
  let recorded: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === MANIFEST_SHA256_FLAG || arg.startsWith(`${MANIFEST_SHA256_FLAG}=`)) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++index];
      if (value === undefined || value.startsWith('-')) {
        throw new UsageError(`${MANIFEST_SHA256_FLAG} needs the manifest's SHA-256 the signer recorded (64 hex digits): ${USAGE}.`);
      }
      recorded = value;
    } else if (arg.startsWith('-')) {
      throw new UsageError(`Unknown option ${arg} for verify-report. Usage: ${USAGE}.`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 1) {
    throw new UsageError(
      `${positional.length === 0 ? 'Missing' : 'Too many arguments for'} the run folder: rehearse verify-report <run folder> (e.g. reports/<runId>).`,
    );
  }
  if (recorded === undefined) return { folder: positional[0]! };
  const hex = recorded.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new UsageError(
      `${MANIFEST_SHA256_FLAG} "${recorded.length > 80 ? `${recorded.slice(0, 80)}…` : recorded}" is not a SHA-256 (64 hex digits): ` +
        'give the "Manifest SHA-256" that `rehearse run` printed and the signer recorded.',
    );
  }
  return { folder: positional[0]!, recordedSha256: hex };
}
