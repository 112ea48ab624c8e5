import { test, expect } from '@playwright/test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../../../src/base/configError';
import { listTargetNames, loadTarget, TARGETS_DIR } from '../../../../src/model/target/loadTarget';

const A_TARGET = `
  const catalogue: Record<string, unknown> = {};
  export default { name: 'NAME', description: 'd', catalogue, capabilities: {}, goLive: {}, connect: async () => ({}), flows: () => ({}) };
`;

let targetsDir: string;

test.beforeEach(async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'rehearsal-targets-'));
  // As in the repository (package.json "type": "module"): a .ts file is an ES module.
  await writeFile(path.join(root, 'package.json'), '{ "type": "module" }\n');
  targetsDir = path.join(root, 'targets');
  await mkdir(targetsDir);
});

test.afterEach(async () => {
  await rm(path.dirname(targetsDir), { recursive: true, force: true });
});

async function writeTarget(name: string, source: string): Promise<void> {
  await mkdir(path.join(targetsDir, name), { recursive: true });
  await writeFile(path.join(targetsDir, name, 'target.ts'), source);
}

async function failure(name: string): Promise<string> {
  const error = await loadTarget(name, { targetsDir }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigError);
  const message = (error as Error).message;
  expect(message.split('\n')).toHaveLength(1);
  return message;
}

test('imports targets/<name>/target.ts by its path, no registry involved', async () => {
  await writeTarget('my-shop', A_TARGET.replace('NAME', 'my-shop'));
  const target = await loadTarget('my-shop', { targetsDir });
  expect(target.name).toBe('my-shop');
  expect(typeof target.connect).toBe('function');
});

test('an unknown name lists the directories that have a target.ts and says how to create one', async () => {
  await writeTarget('my-shop', A_TARGET.replace('NAME', 'my-shop'));
  await writeTarget('other-shop', A_TARGET.replace('NAME', 'other-shop'));
  await mkdir(path.join(targetsDir, 'pages-only'));
  expect(await failure('staging')).toBe(
    'No target "staging": there is no targets/staging/target.ts (the targets are my-shop, other-shop). ' +
      'Set REHEARSAL_TARGET (or target in rehearsal.config.ts) to one of them, or create it with `npx rehearse init staging`.',
  );
  expect(await failure('My Shop')).toMatch(/^No target "My Shop": a target is named after its directory .*`npx rehearse init <name>`\.$/);
  expect(await listTargetNames(targetsDir)).toEqual(['my-shop', 'other-shop']);
});

test('an export that is not a Target names the file and what it lacks', async () => {
  await writeTarget('half', `export default { name: 'half', catalogue: {}, connect: 'soon' };`);
  expect(await failure('half')).toBe(
    'targets/half/target.ts: its default export is not a Target, it lacks capabilities (an object), goLive (an object), connect (a function), flows (a function) (see src/model/target/contract.ts).',
  );
});

test('a settle window that is not a positive whole number of milliseconds is refused', async () => {
  await writeTarget(
    'impatient',
    A_TARGET.replace('NAME', 'impatient').replace("name: 'impatient',", "name: 'impatient', settleWindowMs: 0,"),
  );
  expect(await failure('impatient')).toBe(
    'targets/impatient/target.ts: its default export is not a Target, it lacks settleWindowMs as a positive whole number of milliseconds (or leave it out) (see src/model/target/contract.ts).',
  );
});

test('a file without a default export, or that does not load, is named', async () => {
  await writeTarget('no-default', `export const target = {};`);
  expect(await failure('no-default')).toBe(
    'targets/no-default/target.ts has no default export: end it with `export default` your Target (see targets/README.md).',
  );
  await writeTarget('broken', `export default { name: 'broken' ;`);
  expect(await failure('broken')).toMatch(/^targets\/broken\/target\.ts could not be loaded \(.+\): fix the file, then run again\.$/);
});

test('a target named unlike its directory is refused', async () => {
  await writeTarget('shop', A_TARGET.replace('NAME', 'store'));
  expect(await failure('shop')).toBe(
    'targets/shop/target.ts: the target is named "store" but lives in the folder shop/: set its name to "shop".',
  );
});

test('a path to a target folder kept elsewhere loads it too (tests keep theirs out of targets/)', async () => {
  await writeTarget('elsewhere-shop', A_TARGET.replace('NAME', 'elsewhere-shop'));
  expect((await loadTarget(path.join(targetsDir, 'elsewhere-shop'), { targetsDir })).name).toBe('elsewhere-shop');
  expect(await failure(path.join(targetsDir, 'missing-shop'))).toMatch(
    /^No target ".*\/missing-shop": there is no targets\/missing-shop\/target\.ts \(the targets are elsewhere-shop\)/,
  );
});

test("finds the repository's targets, the demo among them", async () => {
  expect(TARGETS_DIR).toBe(path.resolve('targets'));
  expect(await listTargetNames()).toContain('demo');
});
