import { test, expect } from '@playwright/test';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findBrowser, runShowsWindow } from '../../../../src/run/browser/findBrowser';

test('findBrowser honours CHROMIUM_PATH', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'find-browser-'));
  try {
    const fake = path.join(dir, 'my-chrome');
    await writeFile(fake, '#!/bin/sh\n');
    await chmod(fake, 0o755);
    expect(findBrowser({ CHROMIUM_PATH: fake })).toEqual({ executablePath: fake, source: 'env' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('findBrowser ignores a CHROMIUM_PATH that does not exist', () => {
  expect(findBrowser({ CHROMIUM_PATH: '/nowhere/chromium' })?.executablePath).not.toBe('/nowhere/chromium');
});

/** Only these paths exist. */
const only =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);

test('findBrowser prefers the headless shell for a headless run and the full Chromium for a run that shows the window', () => {
  const exists = only('/usr/bin/chromium-headless-shell', '/usr/bin/chromium');
  expect(findBrowser({}, { exists })).toEqual({ executablePath: '/usr/bin/chromium-headless-shell', source: 'headless-shell' });
  expect(findBrowser({}, { exists, window: true })).toEqual({ executablePath: '/usr/bin/chromium', source: 'system' });
});

test('findBrowser uses the system Chromium when there is no headless shell, and CHROMIUM_PATH over both', () => {
  expect(findBrowser({}, { exists: only('/usr/bin/chromium') })).toEqual({ executablePath: '/usr/bin/chromium', source: 'system' });
  const exists = only('/opt/my-chrome', '/usr/bin/chromium-headless-shell');
  expect(findBrowser({ CHROMIUM_PATH: '/opt/my-chrome' }, { exists })).toEqual({ executablePath: '/opt/my-chrome', source: 'env' });
});

test('a run shows the browser window with --headed, --debug, --ui or PWDEBUG, and not otherwise', () => {
  expect(runShowsWindow(['node', 'cli.js', 'test', '--headed'], {})).toBe(true);
  expect(runShowsWindow(['node', 'cli.js', 'test', '--debug'], {})).toBe(true);
  expect(runShowsWindow(['node', 'cli.js', 'test', '--ui-port=0'], {})).toBe(true);
  expect(runShowsWindow(['node', 'cli.js', 'test'], { PWDEBUG: '1' })).toBe(true);
  expect(runShowsWindow(['node', 'cli.js', 'test', '--grep', 'headed'], { PWDEBUG: '0' })).toBe(false);
});
