// `npm run nightly:merge -- <shard dirs…> [--out reports/nightly] [--history <file>] [--expect-shards n]`: after a sharded night, merges
// the shards' blob reports into one JUnit file and one Playwright JSON report, builds ONE Allure report from every
// shard's allure-results with the history of previous nights, writes summary.json and applies the gate (exit 1 when
// any test failed). Each shard dir is what one `npm run nightly -- --shard i/n` left (or its downloaded artifact):
// blob-<i>-of-<n>/*.zip and allure-results/, found at any depth.
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { $ } from 'zx';
import { runAsScript } from '../src/cli/runAsScript';
import { UsageError } from '../src/cli/errors';
import { finishNight, shown } from './nightly/finishNight';
import { nightlyPaths } from './nightly/nightlyPaths';

const ROOT = resolve(import.meta.dirname, '..');

async function nightlyMerge(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, history: { type: 'string' }, 'expect-shards': { type: 'string' } },
  });
  if (positionals.length === 0)
    throw new UsageError("Name the shards' folders: npm run nightly:merge -- <dir> [<dir>…] [--out <dir>] [--history <file>].");
  const paths = nightlyPaths(values.out ? { REHEARSAL_REPORTS_DIR: values.out } : process.env, ROOT);

  const found = { blobs: [] as string[], allureResults: [] as string[] };
  for (const dir of positionals) await collect(resolve(dir), found);
  const expected = values['expect-shards'] === undefined ? undefined : Number(values['expect-shards']);
  if (expected !== undefined && !(Number.isInteger(expected) && expected > 0))
    throw new UsageError(`--expect-shards ${values['expect-shards']} is not a positive whole number.`);
  if (found.blobs.length === 0)
    throw new UsageError(`No blob reports (blob-*/*.zip) under ${positionals.join(', ')}: run npm run nightly -- --shard i/n first.`);

  // A shard that crashed before writing its blob would silently leave its tests out of a green night.
  const problems =
    expected !== undefined && found.blobs.length < expected ? [`only ${found.blobs.length} of ${expected} shards left a blob report`] : [];
  for (const problem of problems) console.error(`✗ ${problem}: the night cannot be green.`);

  const blobsDir = join(paths.dir, 'blobs-merged');
  await rm(blobsDir, { recursive: true, force: true });
  await mkdir(blobsDir, { recursive: true });
  for (const [at, blob] of found.blobs.entries()) await copyFile(blob, join(blobsDir, `${at}-${basename(blob)}`));
  for (const stale of [paths.junit, paths.results, paths.html, paths.summary]) await rm(stale, { force: true });

  console.log(`▸ Merging ${found.blobs.length} blob report(s) and ${found.allureResults.length} allure-results folder(s)…`);
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const merged = await $({
    cwd: ROOT,
    nothrow: true,
    quiet: true,
    env: { ...process.env, PLAYWRIGHT_JUNIT_OUTPUT_FILE: paths.junit, PLAYWRIGHT_JSON_OUTPUT_FILE: paths.results },
  })`${process.execPath} ${cli} merge-reports ${blobsDir} --reporter junit,json`;
  if (merged.exitCode !== 0)
    console.error(`✗ playwright merge-reports failed (exit code ${merged.exitCode}): ${merged.stderr.trim().split('\n').pop() ?? ''}`);
  else console.log(`▸ JUnit… ✓ ${shown(paths.junit)}`);

  return finishNight({
    resultsJson: paths.results,
    allureResultsDirs: found.allureResults,
    htmlPath: paths.html,
    historyPath: values.history ? resolve(values.history) : paths.history,
    summaryPath: paths.summary,
    problems,
  });
}

/** Finds blob-*\/*.zip files and allure-results folders at any depth under dir. */
async function collect(dir: string, found: { blobs: string[]; allureResults: string[] }): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => {
    throw new UsageError(`${dir} is not a folder: name the folders the shards wrote (or their downloaded artifacts).`);
  });
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (!entry.isDirectory()) {
      if (basename(dir).startsWith('blob-') && entry.name.endsWith('.zip')) found.blobs.push(path);
    } else if (entry.name === 'allure-results') found.allureResults.push(path);
    else await collect(path, found);
  }
}

await runAsScript(() => nightlyMerge(process.argv.slice(2)));
