// `npm run bench [-- --stages A,B,C,D,E] [--samples 40] [--rounds 2]`: the harness's benchmark (issue 8) on this machine.
// A and B run the full rehearsal (both example targets, as `npm run nightly`) on 1 and 2 workers with the API call
// and observation logs on; C (1 worker) and E (2 workers) run the same browser steps with no polling or evidence; D times, in-process against
// the sandbox, how long after an event is created the harness's wait for it passes. A shared machine moves one run's
// wall time by a fifth, so A, B, C and E run --rounds times, round by round in the order A, C, B, E (D once, after the
// first round), and each stage's figure is its fastest round (a stage with a failed round has failed). Prints every
// figure against its target (a miss is printed as missed, exit code 1) and writes reports/bench/bench.json and bench.md.
// The 2-worker speed-up (A ÷ B) is judged against this machine's ceiling in the same run (C ÷ E); docs/benchmark.md.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { runAsScript } from '../src/cli/runAsScript';
import { ensureBrowser } from '../src/run/browser/ensureBrowser';
import { parseBenchArgs } from './bench/benchOptions';
import { benchConsoleBlock, benchMarkdown } from './bench/benchReport';
import { benchAlsoTargets, benchEnvironment } from './bench/benchEnvironment';
import { runBenchRounds } from './bench/benchRounds';
import type { BenchSetting } from './bench/benchStages';
import { benchExitCode, benchRows, benchSummaryLine } from './bench/verdicts';

const ROOT = resolve(import.meta.dirname, '..');

async function bench(args: string[]): Promise<number> {
  const options = parseBenchArgs(args);
  const outputDir = join(ROOT, 'reports', 'bench');
  await mkdir(outputDir, { recursive: true });
  // An earlier bench's stage folders (other rounds, other stages) would sit next to this run's as if they were its own.
  for (const entry of await readdir(outputDir))
    if (entry.startsWith('stage-')) await rm(join(outputDir, entry), { recursive: true, force: true });
  const alsoTargets = benchAlsoTargets(process.env);
  const env = benchEnvironment(process.env, alsoTargets.join(','));
  let browserPath: string | undefined;
  if (options.stages.some((id) => id !== 'D')) {
    const browser = await ensureBrowser({ verify: false, quiet: true });
    browserPath = browser.executablePath;
    if (browserPath) env.CHROMIUM_PATH = browserPath;
  }
  const setting: BenchSetting = { root: ROOT, outputDir, env, alsoTargets, say: (line) => console.log(line) };
  console.log(
    `▸ Benchmark: stages ${options.stages.join(', ')}; ${options.rounds} round${options.rounds === 1 ? '' : 's'}; ` +
      `targets: default, ${alsoTargets.join(', ') || 'no other'}; ${cpus().length} cores${browserPath ? `; ${browserPath}` : ''}`,
  );

  const figures = await runBenchRounds(options, setting);

  const rows = benchRows(figures);
  const exitCode = benchExitCode(figures, rows);
  for (const line of benchConsoleBlock(figures, rows, options.rounds)) console.log(line);
  const machine = {
    date: new Date().toISOString(),
    cores: cpus().length,
    node: process.versions.node,
    ...(browserPath ? { browser: browserPath } : {}),
  };
  const json = { ...machine, stagesRun: options.stages, samples: options.samples, rounds: options.rounds, figures, rows, exitCode };
  await writeFile(join(outputDir, 'bench.json'), `${JSON.stringify(json, null, 2)}\n`);
  await writeFile(join(outputDir, 'bench.md'), benchMarkdown(figures, rows, machine, options.rounds));
  console.log(`\n${benchSummaryLine(figures, rows)}. Written: reports/bench/bench.md, reports/bench/bench.json`);
  return exitCode;
}

await runAsScript(() => bench(process.argv.slice(2)));
