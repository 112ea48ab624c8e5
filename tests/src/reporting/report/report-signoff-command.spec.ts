import { test, expect } from '@playwright/test';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listFiles } from '../../../../src/reporting/signoff/manifest';
import { latestRunDir, recordedRunFacts } from '../../../../src/reporting/signoff/runDirectory';
import { purchaseFlow, syntheticPreflight, writeSyntheticRun } from '../signoff/syntheticRun';
import { runRehearse } from '../../../support/rehearseCommand';

const rehearse = (args: string[], env: NodeJS.ProcessEnv) => runRehearse(args, env);

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

let reports: string;
test.beforeEach(async () => {
  reports = await mkdtemp(path.join(tmpdir(), 'report-signoff-'));
});
test.afterEach(async () => {
  await rm(reports, { recursive: true, force: true });
});

/** One passed result, as allure-playwright writes it. */
async function writeAllureResult(resultsDir: string): Promise<void> {
  await mkdir(resultsDir, { recursive: true });
  const start = Date.now() - 2_000;
  await writeFile(
    path.join(resultsDir, 'a1-result.json'),
    JSON.stringify({
      uuid: 'a1',
      historyId: 'h-a1',
      testCaseId: 'h-a1',
      name: 'a referred purchase',
      fullName: 'scenarios/a.spec.ts#a referred purchase',
      status: 'passed',
      stage: 'finished',
      start,
      stop: start + 1_000,
      labels: [],
      steps: [],
      attachments: [],
      parameters: [],
      links: [],
    }),
  );
}

test('latestRunDir picks the run folder whose evidence changed last, ignoring folders without evidence', async () => {
  expect(await latestRunDir(reports)).toBeUndefined();
  const older = path.join(reports, 'rh-20261123-100000-aaaaaa');
  const newer = path.join(reports, 'rh-20261122-090000-bbbbbb'); // sorts first by name, but written last
  await writeSyntheticRun(older);
  await writeSyntheticRun(newer);
  const past = new Date(Date.now() - 3_600_000);
  const olderPaths = ['evidence', 'evidence/flows', 'evidence/screenshots', ...(await listFiles(older))];
  for (const file of olderPaths) await utimes(path.join(older, file), past, past);
  await mkdir(path.join(reports, 'allure-results'));
  await mkdir(path.join(reports, 'zz-no-evidence'));
  expect(await latestRunDir(reports)).toBe(newer);
});

test('recordedRunFacts reads the evidence when no sign-off was written yet', async () => {
  const runDir = path.join(reports, 'rh-1');
  await writeSyntheticRun(runDir);
  const facts = await recordedRunFacts(runDir);
  expect(facts).toEqual({
    mode: 'test',
    target: 'demo',
    startedAt: new Date(syntheticPreflight().startedAt),
    endedAt: new Date(purchaseFlow().endedAt),
  });
});

test('`rehearse report` rebuilds the Allure report and the sign-off of the latest run, and ends with the sign-off and its verdict', async () => {
  await writeAllureResult(path.join(reports, 'allure-results'));
  const runDir = path.join(reports, 'rh-20261123-174512-a1b2c3');
  await writeSyntheticRun(runDir);
  await writeFile(path.join(reports, 'rehearsal.log'), 'PASSED a referred purchase\n');

  const { code, stdout, stderr } = await rehearse(['report'], { REHEARSAL_REPORTS_DIR: reports });
  expect(stderr).toBe('');
  const out = lines(stdout);
  expect(out[0]).toBe(`▸ Building the report from ${path.join(reports, 'allure-results')}… ✓`.replace(`${process.cwd()}/`, ''));
  expect(out).toContain(`▸ Scanning the artifacts for keys and card numbers… ✓ none in ${reports}`); // what it published is clean
  const last = out.slice(out.findIndex((line) => line.startsWith('Manifest SHA-256: ')));
  expect(last).toEqual([
    expect.stringMatching(new RegExp(`^Manifest SHA-256: [0-9a-f]{64} \\(${path.join(runDir, 'manifest.json')}; record it`)),
    `Sign-off report: ${path.join(runDir, 'signoff.html')}`,
    `Sign-off PDF: ${path.join(runDir, 'signoff.pdf')}`,
    '✗ NOT READY to go live: 1 blocking item failed',
    expect.stringMatching(
      /^ {2}- The integration is pinned to one provider API version.*: provider\.api-version-endpoints: Endpoint we_123/,
    ),
  ]);
  expect(code).toBe(0);
  expect((await readdir(runDir)).sort()).toEqual([
    'allure-report.html',
    'evidence',
    'manifest.json',
    'rehearsal.log',
    'signoff.html',
    'signoff.json',
    'signoff.pdf',
  ]);
  expect(await readFile(path.join(runDir, 'allure-report.html'), 'utf8')).toBe(
    await readFile(path.join(reports, 'rehearsal-report.html'), 'utf8'),
  );
  const signoff = JSON.parse(await readFile(path.join(runDir, 'signoff.json'), 'utf8')) as { run: { mode: string; startedAt: string } };
  expect(signoff.run).toMatchObject({ mode: 'test', startedAt: new Date(syntheticPreflight().startedAt).toISOString() });
});

test('`rehearse report --run <id>`: an unknown run is one line, exit 1; a malformed id is a usage error, exit 2', async () => {
  await writeAllureResult(path.join(reports, 'allure-results'));
  const unknown = await rehearse(['report', '--run', 'rh-nope'], { REHEARSAL_REPORTS_DIR: reports });
  expect(lines(unknown.stderr)).toEqual([
    `No sign-off: there is no run folder ${path.join(reports, 'rh-nope')}; give the id of a run under ${reports}.`,
  ]);
  expect(unknown.code).toBe(1);

  const malformed = await rehearse(['report', '--run', '../etc'], { REHEARSAL_REPORTS_DIR: reports });
  expect(lines(malformed.stderr)).toEqual([
    '--run ../etc is not a run id: use the name of a folder under reports/ (letters, digits, dots, dashes, underscores).',
  ]);
  expect(malformed.stdout).toBe('');
  expect(malformed.code).toBe(2);
});
