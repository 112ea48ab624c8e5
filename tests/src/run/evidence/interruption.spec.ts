import { test, expect } from '@playwright/test';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { INTERRUPTION_FILE, readInterruption, writeInterruption, type Interruption } from '../../../../src/run/evidence/interruption';

const SECRET = ['sk', 'live', '51InterruptionLineSecret0000'].join('_');

test('interruption.json: written atomically and redacted, read back; absent is undefined; a broken file is one line naming it', async ({}, testInfo) => {
  const runDir = testInfo.outputPath('rh-run');
  expect(await readInterruption(runDir)).toBeUndefined();

  const interruption: Interruption = {
    cause: 'playwright-died',
    signal: 'SIGKILL',
    playwrightExitCode: null,
    at: '2026-11-23T17:47:20.000Z',
    cleanupLines: ['▸ Interrupted: cleaning up…', `  ✗ could not clean up charge ch_1: key ${SECRET} refused`],
    cleanupOutcome: 'failed',
  };
  const file = await writeInterruption(runDir, interruption);
  expect(await readdir(runDir), 'no .partial file is left').toEqual([INTERRUPTION_FILE]);
  expect(await readFile(file, 'utf8')).not.toContain(SECRET);
  expect(await readInterruption(runDir)).toEqual({
    ...interruption,
    cleanupLines: [interruption.cleanupLines[0], '  ✗ could not clean up charge ch_1: key [redacted] refused'],
  });

  await writeFile(file, '{"cause":"signal"');
  await expect(readInterruption(runDir)).rejects.toThrow(/^interruption\.json could not be read \(invalid JSON/);
  await writeFile(file, '{"cause":"tired","at":"x","cleanupLines":[],"cleanupOutcome":"done"}');
  await expect(readInterruption(runDir)).rejects.toThrow('interruption.json could not be read (not an interruption');
});
