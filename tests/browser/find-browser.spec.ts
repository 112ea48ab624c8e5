import { test, expect } from '@playwright/test';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findBrowser } from '../../src/browser/findBrowser';

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
