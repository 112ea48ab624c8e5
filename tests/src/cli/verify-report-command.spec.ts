import { test, expect } from '@playwright/test';
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeManifest } from '../../../src/reporting/signoff/manifest';

const BIN = path.resolve('bin/rehearse.mjs');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** `node bin/rehearse.mjs verify-report …` as a child process (never npx). */
function verifyReport(args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'verify-report', ...args], { env: process.env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

let dir: string;
let manifestSha256: string;

test.beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(tmpdir(), 'verify-report-')), 'rh-20261123-174512-a1b2c3');
  await mkdir(path.join(dir, 'evidence', 'flows'), { recursive: true });
  await writeFile(path.join(dir, 'signoff.html'), '<!doctype html><title>sign-off</title>');
  await writeFile(path.join(dir, 'evidence', 'preflight.json'), '{"results":[]}');
  await writeFile(path.join(dir, 'evidence', 'flows', 'declines--t1.json'), '{"flow":"declines"}');
  manifestSha256 = (await writeManifest(dir, 'rh-20261123-174512-a1b2c3')).sha256;
});

test.afterEach(async () => {
  await rm(path.dirname(dir), { recursive: true, force: true });
});

test('an untouched folder: the manifest hash, then "✓ 3 files match the manifest", exit 0', async () => {
  const { code, stdout, stderr } = await verifyReport([dir]);
  expect(stderr).toBe('');
  expect(lines(stdout)).toEqual([
    `Manifest SHA-256: ${manifestSha256} (${path.join(dir, 'manifest.json')}; record it: the manifest lists every other file, not itself)`,
    '✓ 3 files match the manifest',
  ]);
  expect(manifestSha256).toBe(
    createHash('sha256')
      .update(await readFile(path.join(dir, 'manifest.json')))
      .digest('hex'),
  );
  expect(code).toBe(0);
});

test('one changed byte is named, exit 1', async () => {
  const file = path.join(dir, 'evidence', 'preflight.json');
  await writeFile(file, (await readFile(file, 'utf8')).replace('[]', '[ '));
  const { code, stdout } = await verifyReport([dir]);
  expect(lines(stdout).slice(1)).toEqual([
    '✗ changed: evidence/preflight.json (its SHA-256 or size differs from the manifest)',
    '✗ 1 file differs from the manifest (1 changed, 0 missing, 0 added): this is not the folder that was signed off.',
  ]);
  expect(code).toBe(1);
});

test('an added and a missing file are each named, exit 1', async () => {
  await unlink(path.join(dir, 'evidence', 'flows', 'declines--t1.json'));
  await writeFile(path.join(dir, 'extra.txt'), 'not signed off');
  const { code, stdout } = await verifyReport([dir]);
  expect(lines(stdout).slice(1)).toEqual([
    '✗ missing: evidence/flows/declines--t1.json (listed in the manifest, not in the folder)',
    '✗ added: extra.txt (in the folder, not in the manifest)',
    '✗ 2 files differ from the manifest (0 changed, 1 missing, 1 added): this is not the folder that was signed off.',
  ]);
  expect(code).toBe(1);
});

test('no folder given: one line, exit 2', async () => {
  const { code, stdout, stderr } = await verifyReport([]);
  expect(stdout).toBe('');
  expect(lines(stderr)).toEqual(['Missing the run folder: rehearse verify-report <run folder> (e.g. reports/<runId>).']);
  expect(code).toBe(2);
});

test('a folder without a manifest: one line, exit 2', async () => {
  await unlink(path.join(dir, 'manifest.json'));
  const { code, stderr } = await verifyReport([dir]);
  expect(lines(stderr)).toEqual([
    `No manifest.json in ${dir}: give the folder of one rehearsal run (reports/<runId>), which \`rehearse run\` writes.`,
  ]);
  expect(code).toBe(2);
});

test('an invalid manifest: one line, exit 2', async () => {
  await writeFile(
    path.join(dir, 'manifest.json'),
    '{"algorithm":"sha256","files":[{"path":"../../etc/passwd","bytes":1,"sha256":"' + '0'.repeat(64) + '"}]}',
  );
  const { code, stderr } = await verifyReport([dir]);
  expect(lines(stderr)).toEqual([
    `${path.join(dir, 'manifest.json')} is not a rehearsal manifest (the path "../../etc/passwd" points outside the folder): it cannot be verified.`,
  ]);
  expect(code).toBe(2);

  await writeFile(path.join(dir, 'manifest.json'), 'not json');
  const broken = await verifyReport([dir]);
  expect(lines(broken.stderr)).toHaveLength(1);
  expect(broken.stderr).toMatch(/manifest\.json is not valid JSON \(.*\): it cannot be verified\./);
  expect(broken.code).toBe(2);
});

test('a symbolic link to a file, added after sign-off, is named as added and never read, exit 1', async () => {
  await writeFile(path.join(path.dirname(dir), 'outside.txt'), 'written elsewhere');
  await symlink(path.join(path.dirname(dir), 'outside.txt'), path.join(dir, 'evidence', 'notes.txt'));
  const { code, stdout } = await verifyReport([dir]);
  expect(lines(stdout).slice(1)).toEqual([
    '✗ added: evidence/notes.txt (a symbolic link, in the folder, not in the manifest)',
    '✗ 1 file differs from the manifest (0 changed, 0 missing, 1 added): this is not the folder that was signed off.',
  ]);
  expect(code).toBe(1);
});

test('a symbolic link to a directory is one added entry, not walked into; a FIFO is added too and never opened', async () => {
  const outside = path.join(path.dirname(dir), 'outside');
  await mkdir(outside);
  await writeFile(path.join(outside, 'a.json'), '{}');
  await symlink(outside, path.join(dir, 'evidence', 'more'));
  execFileSync('mkfifo', [path.join(dir, 'pipe')]);
  const { code, stdout } = await verifyReport([dir]);
  expect(lines(stdout).slice(1)).toEqual([
    '✗ added: evidence/more (a symbolic link, in the folder, not in the manifest)',
    '✗ added: pipe (a FIFO, in the folder, not in the manifest)',
    '✗ 2 files differ from the manifest (0 changed, 0 missing, 2 added): this is not the folder that was signed off.',
  ]);
  expect(code).toBe(1);
});

test('a signed-off file replaced by a symbolic link to an identical copy is changed, exit 1', async () => {
  const file = path.join(dir, 'evidence', 'preflight.json');
  const copy = path.join(path.dirname(dir), 'preflight-copy.json');
  await cp(file, copy);
  await unlink(file);
  await symlink(copy, file);
  const { code, stdout } = await verifyReport([dir]);
  expect(lines(stdout).slice(1)).toEqual([
    '✗ changed: evidence/preflight.json (now a symbolic link, not the signed-off file)',
    '✗ 1 file differs from the manifest (1 changed, 0 missing, 0 added): this is not the folder that was signed off.',
  ]);
  expect(code).toBe(1);
});

test('a manifest.json that is a symbolic link (to a valid manifest) is not followed: one line, exit 2', async () => {
  const elsewhere = path.join(path.dirname(dir), 'manifest.json');
  await rename(path.join(dir, 'manifest.json'), elsewhere);
  await symlink(elsewhere, path.join(dir, 'manifest.json'));
  const { code, stdout, stderr } = await verifyReport([dir]);
  expect(stdout).toBe('');
  expect(lines(stderr)).toEqual([
    `${path.join(dir, 'manifest.json')} is a symbolic link, not a regular file: it cannot be verified (\`rehearse run\` writes a regular file).`,
  ]);
  expect(code).toBe(2);
});

test('with the recorded SHA-256 (--manifest-sha256, any case, also with =) an untouched folder says so, exit 0', async () => {
  for (const args of [
    [dir, '--manifest-sha256', manifestSha256.toUpperCase()],
    [`--manifest-sha256=${manifestSha256}`, dir],
  ]) {
    const { code, stdout, stderr } = await verifyReport(args);
    expect(stderr).toBe('');
    expect(lines(stdout).slice(1)).toEqual([
      '✓ manifest.json is the one recorded at sign-off (same SHA-256)',
      '✓ 3 files match the manifest',
    ]);
    expect(code).toBe(0);
  }
});

test('files changed and the manifest consistently rewritten: with the recorded SHA-256 the manifest is named, exit 1', async () => {
  const file = path.join(dir, 'evidence', 'preflight.json');
  await writeFile(file, '{"results":["forged"]}');
  const rewritten = (await writeManifest(dir, 'rh-20261123-174512-a1b2c3')).sha256;
  expect(rewritten).not.toBe(manifestSha256);

  const { code, stdout } = await verifyReport([dir, '--manifest-sha256', manifestSha256]);
  expect(lines(stdout)).toEqual([
    `Manifest SHA-256: ${rewritten} (${path.join(dir, 'manifest.json')}; record it: the manifest lists every other file, not itself)`,
    `✗ changed: manifest.json (its SHA-256 is not the recorded ${manifestSha256}: the manifest was rewritten after sign-off)`,
    '✗ manifest.json is not the one recorded at sign-off: this is not the folder that was signed off.',
  ]);
  expect(code).toBe(1);
});

test('a recorded SHA-256 that is not 64 hex digits, or none after the flag: one line, exit 2', async () => {
  const bad = await verifyReport([dir, '--manifest-sha256', 'abc123']);
  expect(bad.stdout).toBe('');
  expect(lines(bad.stderr)).toEqual([
    '--manifest-sha256 "abc123" is not a SHA-256 (64 hex digits): give the "Manifest SHA-256" that `rehearse run` printed and the signer recorded.',
  ]);
  expect(bad.code).toBe(2);

  const none = await verifyReport([dir, '--manifest-sha256']);
  expect(lines(none.stderr)).toEqual([
    "--manifest-sha256 needs the manifest's SHA-256 the signer recorded (64 hex digits): rehearse verify-report <run folder> [--manifest-sha256 <hex>].",
  ]);
  expect(none.code).toBe(2);
});
