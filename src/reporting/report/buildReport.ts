import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeTracking } from './removeTracking';
import { ReportError } from './reportError';
import { parseAllureSummary, type ResultsSummary } from './resultsSummary';

export interface BuildReportOptions {
  resultsDir: string; // allure-playwright's output, reportPaths().allureResults
  htmlPath: string; // the one file to write, reportPaths().html
  reportName?: string;
}

export interface BuiltReport {
  htmlPath: string;
  summary: ResultsSummary | undefined;
}

const ALLURE_CONFIG = fileURLToPath(new URL('../../../allurerc.mjs', import.meta.url));

/**
 * Builds the Allure 3 report as ONE self-contained HTML file (the awesome plugin's singleFile mode, configured in
 * allurerc.mjs): scripts, styles and results are inlined, so it opens offline and can be attached to a sign-off.
 */
export async function buildReport(options: BuildReportOptions): Promise<BuiltReport> {
  await requireResults(options.resultsDir);
  const workDir = await mkdtemp(join(tmpdir(), 'rehearsal-report-'));
  try {
    await runAllureGenerate(options.resultsDir, workDir, options.reportName ?? 'Dress Rehearsal');
    const html = removeTracking(await readFile(join(workDir, 'index.html'), 'utf8'));
    await mkdir(dirname(options.htmlPath), { recursive: true });
    const partial = `${options.htmlPath}.partial`;
    await writeFile(partial, html);
    await rename(partial, options.htmlPath);
    const summaryJson = await readFile(join(workDir, 'summary.json'), 'utf8').catch(() => '');
    return { htmlPath: options.htmlPath, summary: parseAllureSummary(summaryJson) };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function requireResults(resultsDir: string): Promise<void> {
  const files = await readdir(resultsDir).catch(() => undefined);
  const what = 'run the rehearsal first (npm run rehearse), then build the report (npm run report)';
  if (!files) throw new ReportError(`No test results at ${resultsDir} (the folder does not exist): ${what}.`, 'no-results');
  if (!files.some((file) => file.endsWith('-result.json'))) {
    throw new ReportError(`No test results in ${resultsDir} (no *-result.json files): ${what}.`, 'no-results');
  }
}

function runAllureGenerate(resultsDir: string, outputDir: string, reportName: string): Promise<void> {
  const allureCli = join(dirname(createRequire(import.meta.url).resolve('allure')), '..', 'cli.js');
  const args = [allureCli, 'generate', resultsDir, '--config', ALLURE_CONFIG, '--output', outputDir, '--name', reportName];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) =>
      reject(new ReportError(`Could not start the Allure CLI (${error.message}): run npm ci.`, 'allure-failed')),
    );
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const lastLine = output.trim().split('\n').pop()?.trim() || `exit code ${code}`;
      reject(
        new ReportError(
          `Allure could not build the report (${lastLine}): check the results in ${resultsDir}, or rerun the rehearsal.`,
          'allure-failed',
        ),
      );
    });
  });
}
