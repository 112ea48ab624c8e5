// `npm run bench [-- --stages A,B,C,D] [--samples 40]`: the harness's benchmark (issue 8), one run on this machine.
// A and B run the full rehearsal (both example targets, as `npm run nightly`) on 1 and 2 workers with the API call
// and observation logs on; C (1 worker) and E (2 workers) run the same browser steps with no polling or evidence; D times, in-process against
// the sandbox, how long after an event is created the harness's wait for it passes. Prints every figure against its
// target (a miss is printed as missed, exit code 1) and writes reports/bench/bench.json and bench.md.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { busyCores, cpuTicks } from './bench/cpuBusy';
import { join, resolve } from 'node:path';
import { runAsScript } from '../src/cli/runAsScript';
import { ensureBrowser } from '../src/browser/ensureBrowser';
import { STAGE_TITLES, type BenchFigures, type StageId, type StageOutcome } from './bench/benchFigures';
import { parseBenchArgs } from './bench/benchOptions';
import { benchConsoleBlock, benchMarkdown } from './bench/benchReport';
import { benchAlsoTargets, benchEnvironment } from './bench/benchEnvironment';
import { runBrowserSteps, runFullRehearsal, type BenchSetting } from './bench/benchStages';
import { measureObservationDelay } from './bench/observationDelay';
import { benchExitCode, benchRows, benchSummaryLine, seconds } from './bench/verdicts';

const ROOT = resolve(import.meta.dirname, '..');

async function bench(args: string[]): Promise<number> {
  const options = parseBenchArgs(args);
  const outputDir = join(ROOT, 'reports', 'bench');
  await mkdir(outputDir, { recursive: true });
  const alsoTargets = benchAlsoTargets(process.env);
  const env = benchEnvironment(process.env, alsoTargets.join(','));
  if (options.stages.some((id) => id !== 'D')) {
    const browser = await ensureBrowser({ verify: false, quiet: true });
    if (browser.executablePath) env.CHROMIUM_PATH = browser.executablePath;
  }
  const setting: BenchSetting = { root: ROOT, outputDir, env, alsoTargets, say: (line) => console.log(line) };
  const figures: BenchFigures = { stages: {}, apiCalls: {} };
  console.log(`▸ Benchmark: stages ${options.stages.join(', ')}; targets: default, ${alsoTargets.join(', ') || 'no other'}; ${cpus().length} cores`);

  for (const id of options.stages) {
    console.log(`▸ Stage ${id}: ${STAGE_TITLES[id]}…`);
    const startedAt = performance.now();
    const ticks = cpuTicks();
    const outcome = await runStage(id, setting, figures, options.samples);
    const cores = busyCores(ticks, cpuTicks(), cpus().length);
    if (cores !== undefined) outcome.cpuBusyCores = cores;
    figures.stages[id] = outcome;
    const took = seconds(performance.now() - startedAt);
    const tests = outcome.tests ? ` (${outcome.tests.passed} passed, ${outcome.tests.failed} failed, ${outcome.tests.skipped} skipped)` : '';
    console.log(outcome.failure ? `✗ Stage ${id} failed after ${took}: ${outcome.failure}` : `✓ Stage ${id} done in ${took}${tests}`);
  }

  const rows = benchRows(figures);
  const exitCode = benchExitCode(figures, rows);
  for (const line of benchConsoleBlock(figures, rows)) console.log(line);
  const machine = { date: new Date().toISOString(), cores: cpus().length, node: process.versions.node };
  await writeFile(join(outputDir, 'bench.json'), `${JSON.stringify({ ...machine, stagesRun: options.stages, samples: options.samples, figures, rows, exitCode }, null, 2)}\n`);
  await writeFile(join(outputDir, 'bench.md'), benchMarkdown(figures, rows, machine));
  console.log(`\n${benchSummaryLine(figures, rows)}. Written: reports/bench/bench.md, reports/bench/bench.json`);
  return exitCode;
}

/** Runs one stage, records what its logs hold in `figures`, and returns how it went (a crash is a failed stage). */
async function runStage(id: StageId, setting: BenchSetting, figures: BenchFigures, samples: number): Promise<StageOutcome> {
  const startedAt = performance.now();
  try {
    if (id === 'A' || id === 'B') {
      const rehearsal = await runFullRehearsal(setting, id, id === 'A' ? 1 : 2);
      figures.apiCalls[id] = rehearsal.calls;
      if (id === 'A') figures.rehearsalWaits = rehearsal.waits;
      return rehearsal.outcome;
    }
    if (id === 'C' || id === 'E') return await runBrowserSteps(setting, id, id === 'C' ? 1 : 2);
    figures.observationDelay = await measureObservationDelay(samples, setting.say);
    return { id, wallMs: performance.now() - startedAt };
  } catch (error) {
    return { id, wallMs: performance.now() - startedAt, failure: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
}

await runAsScript(() => bench(process.argv.slice(2)));
