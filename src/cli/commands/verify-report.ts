import path from 'node:path';
import { UsageError } from '../errors';
import { manifestHashLine } from '../../signoff/signoffLines';
import { ManifestError, verifyManifest } from '../../signoff/verifyManifest';
import { plural } from '../../signoff/text';
import { helpCommand } from './help';

/**
 * `rehearse verify-report <dir>`: re-hashes every file `<dir>/manifest.json` lists. Prints the manifest's own
 * SHA-256 (to compare with the one the signer recorded), then one line per changed, missing or added file and
 * exits 1, or "✓ <n> files match the manifest" and exits 0. No folder, or no valid manifest in it: exit 2.
 */
export async function verifyReportCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) return helpCommand();
  const unknown = args.find((arg) => arg.startsWith('-'));
  if (unknown) throw new UsageError(`Unknown option ${unknown} for verify-report. Usage: rehearse verify-report <run folder>.`);
  if (args.length !== 1) {
    throw new UsageError(
      `${args.length === 0 ? 'Missing' : 'Too many arguments for'} the run folder: rehearse verify-report <run folder> (e.g. reports/<runId>).`,
    );
  }
  const dir = path.resolve(args[0]!);
  let check;
  try {
    check = await verifyManifest(dir);
  } catch (error) {
    if (error instanceof ManifestError) throw new UsageError(error.message);
    throw error;
  }
  console.log(manifestHashLine(check.manifestSha256, path.join(dir, 'manifest.json')));
  const problems = [
    ...check.changed.map((entry) => `✗ changed: ${entry.path} (its SHA-256 or size differs from the manifest)`),
    ...check.missing.map((entry) => `✗ missing: ${entry.path} (listed in the manifest, not in the folder)`),
    ...check.added.map((file) => `✗ added: ${file} (in the folder, not in the manifest)`),
  ];
  if (problems.length === 0) {
    console.log(`✓ ${plural(check.manifest.files.length, 'file matches', 'files match')} the manifest`);
    return 0;
  }
  for (const line of problems) console.log(line);
  console.log(
    `✗ ${plural(problems.length, 'file differs', 'files differ')} from the manifest ` +
      `(${check.changed.length} changed, ${check.missing.length} missing, ${check.added.length} added): this is not the folder that was signed off.`,
  );
  return 1;
}
