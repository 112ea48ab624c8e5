// `npm run nightly [-- --shard 1/2] [playwright options]`: the nightly regression, test mode only. Runs preflight and
// the scenarios on the default target and on REHEARSAL_ALSO_TARGETS (embedded-elements unless set), with one retry so
// a test that passes only on retry shows as flaky, not green. Writes JUnit, Playwright's JSON report and Allure
// results to reports/nightly/ (or REHEARSAL_REPORTS_DIR); unsharded, it then builds the Allure report with the
// history of previous nights and applies the gate (exit 1 when any test failed). Sharded (--shard i/n), it also
// writes a blob report to reports/nightly/blob-<i>-of-<n>/ and leaves the report to `npm run nightly:merge`.
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { $ } from 'zx';
import { runAsScript } from '../src/cli/runAsScript';
import { UsageError } from '../src/cli/errors';
import { ensureBrowser } from '../src/run/browser/ensureBrowser';
import { scanRunArtifacts } from '../src/guards/leakScan/runLeakScan';
import { finishNight, shown } from './nightly/finishNight';
import { nightlyPaths } from './nightly/nightlyPaths';

const ROOT = resolve(import.meta.dirname, '..');
const DEFAULT_ALSO_TARGETS = 'embedded-elements';

async function nightly(args: string[]): Promise<number> {
  if (process.env.REHEARSAL_MODE === 'live' || /(^| )--mode(=| )live( |$)/.test(args.join(' '))) {
    console.error('The nightly run is test mode only: unset REHEARSAL_MODE=live (and drop --mode live), then rerun npm run nightly.');
    return 2;
  }
  const shard = parseShard(args);
  const alsoTargets = process.env.REHEARSAL_ALSO_TARGETS ?? DEFAULT_ALSO_TARGETS;
  const env = { ...process.env, REHEARSAL_ALSO_TARGETS: alsoTargets };
  const paths = nightlyPaths(env, ROOT);
  const blobDir = shard ? paths.blob(shard) : undefined;
  for (const stale of [paths.allureResults, paths.junit, paths.results, paths.html, paths.summary, ...(blobDir ? [blobDir] : [])]) {
    await rm(stale, { recursive: true, force: true });
  }

  const browser = await ensureBrowser({ verify: false });
  const targets = alsoTargets
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const projects = ['preflight', 'scenarios', ...targets.flatMap((name) => [`preflight-${name}`, `scenarios-${name}`])];
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const playwrightArgs = [
    'test',
    '--config',
    resolve(ROOT, 'scripts/nightly/playwright.config.ts'),
    '--retries',
    '1',
    ...projects.flatMap((name) => ['--project', name]),
    ...args,
  ];
  console.log(`▸ Nightly rehearsal${shard ? ` (shard ${shard.index} of ${shard.total})` : ''}: ${projects.join(', ')}`);
  const result = await $({
    cwd: ROOT,
    stdio: 'inherit',
    nothrow: true,
    env: {
      ...env,
      REHEARSAL_REPORTS_DIR: paths.dir,
      ...(blobDir ? { REHEARSAL_NIGHTLY_BLOB_DIR: blobDir } : {}),
      ...(browser.executablePath ? { CHROMIUM_PATH: browser.executablePath } : {}),
    },
  })`${process.execPath} ${cli} ${playwrightArgs}`;
  const exitCode = result.exitCode ?? 1;

  if (shard) {
    // What the shard uploads must hold no secret: the same scan as the merged night's.
    if ((await scanRunArtifacts(paths.dir, shown)) > 0) return 1;
    console.log(
      `${exitCode === 0 ? '✓' : '✗'} Shard ${shard.index} of ${shard.total} done (Playwright exit code ${exitCode}); merge the shards with npm run nightly:merge.`,
    );
    return exitCode;
  }
  const gate = await finishNight({
    resultsJson: paths.results,
    allureResultsDirs: [paths.allureResults],
    htmlPath: paths.html,
    historyPath: paths.history,
    summaryPath: paths.summary,
  });
  return gate || (exitCode === 0 ? 0 : 1);
}

/** `--shard i/n` or `--shard=i/n` (left in the arguments: Playwright gets it too). */
function parseShard(args: string[]): { index: number; total: number } | undefined {
  const at = args.findIndex((arg) => arg === '--shard' || arg.startsWith('--shard='));
  if (at < 0) return undefined;
  const value = args[at] === '--shard' ? args[at + 1] : args[at]!.slice('--shard='.length);
  const match = /^(\d+)\/(\d+)$/.exec(value ?? '');
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || index < 1 || total < 1 || index > total)
    throw new UsageError(`--shard ${value ?? ''} is not a shard: write it as i/n, e.g. --shard 1/2.`);
  return { index, total };
}

await runAsScript(() => nightly(process.argv.slice(2)));
