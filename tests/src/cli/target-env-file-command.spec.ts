import { expect, test } from '@playwright/test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { outputLines, runRehearse } from '../../support/rehearseCommand';

/*
 * `rehearse` reads the chosen target's own .env: a target given by its folder (REHEARSAL_TARGET may be a path, as
 * loadTarget takes it) has `<folder>/.env` read, and a variable already set in the environment still wins.
 * `rehearse cleanup` is the cheapest command that shows it: it needs STRIPE_SECRET_KEY and names the journal under
 * REHEARSAL_STATE_DIR, both from that file here.
 */

let dir: string;
let targetDir: string;

test.beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rehearse-target-env-'));
  targetDir = path.join(dir, 'acme');
  await mkdir(targetDir, { recursive: true });
  await writeFile(
    path.join(targetDir, '.env'),
    `# acme's own settings\nSTRIPE_SECRET_KEY=sk_test_sandbox_51DressRehearsal0000\nREHEARSAL_STATE_DIR=${path.join(dir, 'state-from-acme')}\n`,
  );
});

test.afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("rehearse cleanup reads the chosen target's own .env; the environment wins over it", async () => {
  const fromTargetFile = await runRehearse(
    ['cleanup'],
    { REHEARSAL_TARGET: targetDir, REHEARSAL_REPORTS_DIR: path.join(dir, 'reports') },
    { clean: true },
  );
  expect(fromTargetFile.stderr).toBe('');
  expect(fromTargetFile.code).toBe(0);
  expect(outputLines(fromTargetFile.stdout)).toEqual([
    `✓ Nothing to do: no run in ${path.join(dir, 'state-from-acme', 'cleanup-journal.jsonl')} has unfinished entries.`,
  ]);

  const fromEnvironment = await runRehearse(
    ['cleanup'],
    {
      REHEARSAL_TARGET: targetDir,
      REHEARSAL_STATE_DIR: path.join(dir, 'state-from-environment'),
      REHEARSAL_REPORTS_DIR: path.join(dir, 'reports'),
    },
    { clean: true },
  );
  expect(fromEnvironment.code).toBe(0);
  expect(fromEnvironment.stdout).toContain(path.join(dir, 'state-from-environment', 'cleanup-journal.jsonl'));
});
