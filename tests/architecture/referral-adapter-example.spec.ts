import { test, expect } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const TSC = path.resolve('node_modules/typescript/bin/tsc');

test('the worked adapter example in docs/referral-adapter.md type-checks against ReferralPlatform', async () => {
  test.setTimeout(120_000);
  const doc = await readFile('docs/referral-adapter.md', 'utf8');
  const example = /```ts\n(\/\/ targets\/my-shop\/linkwisePlatform\.ts\n[\s\S]*?)```/.exec(doc)?.[1];
  expect(example, 'the doc has the example file').toBeDefined();
  expect(example).toContain('implements ReferralPlatform');

  const dir = await mkdtemp(path.join(tmpdir(), 'referral-adapter-example-'));
  try {
    // The example imports src/ and contracts/ as targets/my-shop/ would; here they point at the project's own.
    const pointed = example!
      .replaceAll("'../../src/", `'${path.resolve('src')}/`)
      .replaceAll("'../../contracts/", `'${path.resolve('contracts')}/`);
    await writeFile(path.join(dir, 'linkwisePlatform.ts'), pointed);
    await writeFile(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: path.resolve('tsconfig.json'),
        compilerOptions: { noEmit: true, typeRoots: [path.resolve('node_modules/@types')] },
        include: [path.join(dir, '*.ts')],
      }),
    );
    const output = await new Promise<string>((resolve) => {
      execFile(
        process.execPath,
        [TSC, '-p', path.join(dir, 'tsconfig.json'), '--pretty', 'false'],
        { timeout: 100_000 },
        (_error, stdout, stderr) => resolve(stdout + stderr),
      );
    });
    expect(output, 'tsc finds no error').toBe('');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
