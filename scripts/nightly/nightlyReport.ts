import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { removeTracking } from '../../src/reporting/report/removeTracking';

/** The project's Allure settings, the ones `npm run report` uses. */
const ALLURE_CONFIG = resolve(import.meta.dirname, '..', '..', 'allurerc.mjs');

export interface NightlyReportOptions {
  /** One or more allure-results folders (one per shard): they make ONE report. */
  resultsDirs: string[];
  htmlPath: string;
  /** Allure 3's history file (JSON lines, one per night): read for the trend, then this night is appended. */
  historyPath: string;
}

/**
 * Builds the night's Allure 3 report as one self-contained HTML file, with the project's Allure settings
 * (allurerc.mjs) plus `historyPath`, so each test's history and the trend reach back over the previous nights.
 */
export async function buildNightlyReport(options: NightlyReportOptions): Promise<void> {
  const workDir = await mkdtemp(join(tmpdir(), 'nightly-report-'));
  try {
    await mkdir(dirname(options.historyPath), { recursive: true });
    const configPath = join(workDir, 'allurerc.json');
    const allureConfig = ((await import(pathToFileURL(ALLURE_CONFIG).href)) as { default: Record<string, unknown> }).default;
    const config = {
      ...allureConfig,
      name: 'Dress Rehearsal (nightly)',
      historyPath: resolve(options.historyPath),
      output: join(workDir, 'out'),
    };
    await writeFile(configPath, JSON.stringify(config));
    await runAllure(['generate', ...options.resultsDirs.map((dir) => resolve(dir)), '--config', configPath, '--output', config.output]);
    const html = removeTracking(await readFile(join(config.output, 'index.html'), 'utf8'));
    await mkdir(dirname(options.htmlPath), { recursive: true });
    await writeFile(`${options.htmlPath}.partial`, html);
    await rename(`${options.htmlPath}.partial`, options.htmlPath);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function runAllure(args: string[]): Promise<void> {
  const cli = join(dirname(createRequire(import.meta.url).resolve('allure')), '..', 'cli.js');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) return resolvePromise();
      reject(new Error(`Allure could not build the nightly report (${output.trim().split('\n').pop() || `exit code ${code}`}).`));
    });
  });
}
