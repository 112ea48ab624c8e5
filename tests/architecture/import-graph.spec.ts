import { test, expect } from '@playwright/test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findImportViolations } from './importGraph';

test('nothing under src/ imports from targets/, sandbox/, fixtures/, scenarios/, tests/ or scripts/', async () => {
  test.setTimeout(120_000);
  const violations = await findImportViolations(path.resolve('.'));
  expect(violations, 'src/ imports only src/ and packages (load targets with src/model/target/loadTarget.ts)').toEqual([]);
});

test.describe('the checker itself', () => {
  let root: string;

  test.beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'import-graph-synthetic-'));
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true, types: [] },
        include: ['src', 'targets', 'fixtures', 'scenarios', 'sandbox', 'tests'],
      }),
      'src/fine.ts': "import { helperValue } from './inner/value';\nexport type { Shape } from './inner/shape';\nexport const fine = helperValue;\n",
      'src/inner/value.ts': 'export const helperValue = 1;\n',
      'src/inner/shape.ts': 'export interface Shape { side: number }\n',
      'src/computed.ts': "export async function load(name: string) {\n  return import(`../targets/${name}/target`);\n}\n",
      'src/static.ts': "import { demo } from '../targets/demo/target';\nexport const value = demo;\n",
      'src/reexport.ts': "export { fixture } from '../fixtures/fixture';\n",
      'src/typeOnly.ts': "import type { Scenario } from '../scenarios/scenario';\nexport type Alias = Scenario;\n",
      'src/dynamic.ts': "export async function start() {\n  return import('../sandbox/server');\n}\n",
      'src/sideEffect.ts': "import '../tests/setup';\n",
      'src/nowhere.ts': "import { gone } from './no-such-file';\nexport const value = gone;\n",
      'targets/demo/target.ts': 'export const demo = 1;\n',
      'fixtures/fixture.ts': 'export const fixture = 1;\n',
      'scenarios/scenario.ts': 'export interface Scenario { title: string }\n',
      'sandbox/server.ts': 'export const server = 1;\n',
      'tests/setup.ts': 'export {};\n',
    };
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    }
  });

  test.afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('reports static, export-from, type-only, side-effect and literal dynamic imports leaving src/, and unresolved ones', async () => {
    const violations = await findImportViolations(root);
    const sorted = [...violations].sort((a, b) => a.importer.localeCompare(b.importer));
    expect(sorted).toEqual([
      { importer: 'src/dynamic.ts', specifier: '../sandbox/server', resolved: 'sandbox/server.ts' },
      { importer: 'src/nowhere.ts', specifier: './no-such-file' },
      { importer: 'src/reexport.ts', specifier: '../fixtures/fixture', resolved: 'fixtures/fixture.ts' },
      { importer: 'src/sideEffect.ts', specifier: '../tests/setup', resolved: 'tests/setup.ts' },
      { importer: 'src/static.ts', specifier: '../targets/demo/target', resolved: 'targets/demo/target.ts' },
      { importer: 'src/typeOnly.ts', specifier: '../scenarios/scenario', resolved: 'scenarios/scenario.ts' },
    ]);
  });
});
