import { test, expect } from '@playwright/test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatHit, runArtifactPaths, scanRunArtifacts } from '../../../../src/guards/leakScan/runLeakScan';

let dir: string;
test.beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'leak-scan-run-'));
});
test.afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("a run's artifacts are its reports folder without other runs' nested reports folders", async () => {
  await mkdir(path.join(dir, 'allure-results'));
  await mkdir(path.join(dir, 'test-output'));
  await mkdir(path.join(dir, 'self-test', 'allure-results'), { recursive: true });
  await writeFile(path.join(dir, 'rehearsal-report.html'), '<html></html>');
  expect(await runArtifactPaths(dir)).toEqual(['allure-results', 'rehearsal-report.html', 'test-output'].map((n) => path.join(dir, n)));
  expect(await runArtifactPaths(path.join(dir, 'missing'))).toEqual([]);
});

test('prints one line per hit and a summary, and returns the number of hits', async () => {
  const trace = path.join(dir, 'test-output', 'trace.zip');
  await mkdir(path.dirname(trace));
  await writeFile(path.join(dir, 'test-output', 'step.log'), 'typed 4242 4242 4242 4242 then sk_test_51AbCdEfGh0123\n');
  await writeFile(path.join(dir, 'self-test-ignored.txt'), 'clean');
  const lines: string[] = [];
  const log = { log: (line: string) => lines.push(line), error: (line: string) => lines.push(line) };
  const display = (p: string) => path.relative(dir, p);

  expect(await scanRunArtifacts(dir, display, log)).toBe(2);
  expect(lines).toEqual([
    '▸ Scanning the artifacts for keys and card numbers… ✗',
    'Leak: card number in test-output/step.log: typed [redacted card number] then [redacted]',
    'Leak: secret key in test-output/step.log: typed [redacted] then sk_test_[redacted]',
    expect.stringMatching(/^✗ 2 secrets found in 1 file under : do not share these artifacts/),
  ]);
  expect(formatHit({ file: '/r/trace.zip', entry: 'trace.trace', kind: 'webhook-secret', excerpt: 'x', occurrences: 3 })).toBe(
    'Leak: webhook secret in /r/trace.zip › trace.trace (3 times): x',
  );
});
