import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describeKind } from './patterns';
import { scanForLeaks, type LeakHit } from './scanForLeaks';

/**
 * What one run leaves in its reports folder: every file and folder in it (allure-results, test-output, the HTML
 * report, rehearsal.log, …) except nested folders that are another run's reports folder (they hold their own
 * allure-results, e.g. `reports/self-test` of `npm test`): those belong to that run and are scanned by it.
 */
export async function runArtifactPaths(reportsDir: string): Promise<string[]> {
  const names = await readdir(reportsDir).catch(() => [] as string[]);
  const paths: string[] = [];
  for (const name of names.sort()) {
    const path = join(reportsDir, name);
    const isOtherRun =
      (await stat(path).catch(() => undefined))?.isDirectory() &&
      (await stat(join(path, 'allure-results')).catch(() => undefined))?.isDirectory();
    if (!isOtherRun) paths.push(path);
  }
  return paths;
}

/** "Leak: card number in reports/…/trace.zip › trace.trace (3 times): …[redacted card number]…" */
export function formatHit(hit: LeakHit, display: (path: string) => string = (path) => path): string {
  const where = hit.entry ? `${display(hit.file)} › ${hit.entry}` : display(hit.file);
  const times = hit.occurrences > 1 ? ` (${hit.occurrences} times)` : '';
  return `Leak: ${describeKind(hit.kind)} in ${where}${times}: ${hit.excerpt}`;
}

/**
 * `rehearse run`'s last step: scans the run's artifacts, prints one line per hit and a summary, and returns the
 * number of hits (the caller fails the run on any).
 */
export async function scanRunArtifacts(
  reportsDir: string,
  display: (path: string) => string = (path) => path,
  log: Pick<Console, 'log' | 'error'> = console,
): Promise<number> {
  const paths = await runArtifactPaths(reportsDir);
  const hits = await scanForLeaks(paths);
  if (hits.length === 0) {
    log.log(`▸ Scanning the artifacts for keys and card numbers… ✓ none in ${display(reportsDir)}`);
    return 0;
  }
  log.log('▸ Scanning the artifacts for keys and card numbers… ✗');
  for (const hit of hits) log.error(formatHit(hit, display));
  const files = new Set(hits.map((hit) => hit.file)).size;
  log.error(
    `✗ ${hits.length} secret${hits.length === 1 ? '' : 's'} found in ${files} file${files === 1 ? '' : 's'} under ` +
      `${display(reportsDir)}: do not share these artifacts; delete them, find what wrote the value unredacted, and rerun.`,
  );
  return hits.length;
}
