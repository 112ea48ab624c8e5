import { test, expect } from '@playwright/test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findComponentCycles, findImportViolations, readImportEdges } from './importGraph';

test.describe('the map of the code', () => {
  test.setTimeout(120_000);

  test('every import keeps to its folder, its layer of src/ and the single crossing through contracts/', async () => {
    const violations = await findImportViolations(path.resolve('.'));
    expect(violations, 'see tests/architecture/layers.ts and docs/architecture.md for the map').toEqual([]);
  });

  test('no two components of src/ import each other, directly or round a cycle', async () => {
    const cycles = findComponentCycles(await readImportEdges(path.resolve('.')));
    expect(cycles, 'move the shared piece down a layer, or into the component that owns it').toEqual([]);
  });
});

test.describe('the checker itself', () => {
  let root: string;

  test.beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'import-graph-synthetic-'));
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true, types: [] },
        include: ['src', 'targets', 'fixtures', 'scenarios', 'sandbox', 'contracts', 'tests'],
      }),
      'contracts/shape.ts': 'export interface Shape { side: number }\n',
      'contracts/leaky.ts': "import { server } from '../sandbox/server';\nexport const leaked = server;\n",
      'src/base/value.ts': "export type { Shape } from '../../contracts/shape';\nexport const helperValue = 1;\n",
      'src/base/upward.ts': "import { parts } from '../run/parts/one';\nexport const up = parts;\n",
      'src/run/parts/one.ts':
        "import { helperValue } from '../../base/value';\nimport { two } from '../other/two';\nexport const parts = helperValue + two;\n",
      'src/run/other/two.ts': "export const two = 2;\nexport async function back() {\n  return import('../parts/one');\n}\n",
      'src/loose.ts': 'export const loose = 1;\n',
      'src/cli/main.ts': "import { loose } from '../loose';\nexport const main = loose;\n",
      'src/model/computed.ts': 'export async function load(name: string) {\n  return import(`../../targets/${name}/target`);\n}\n',
      'src/model/static.ts': "import { demo } from '../../targets/demo/target';\nexport const value = demo;\n",
      'src/model/reexport.ts': "export { fixture } from '../../fixtures/fixture';\n",
      'src/model/typeOnly.ts': "import type { Scenario } from '../../scenarios/scenario';\nexport type Alias = Scenario;\n",
      'src/model/dynamic.ts': "export async function start() {\n  return import('../../sandbox/server');\n}\n",
      'src/model/sideEffect.ts': "import '../../tests/setup';\n",
      'src/model/nowhere.ts': "import { gone } from './no-such-file';\nexport const value = gone;\n",
      'sandbox/server.ts':
        "import type { Shape } from '../contracts/shape';\nimport { helperValue } from '../src/base/value';\nexport const server: Shape = { side: helperValue };\n",
      'targets/demo/target.ts': 'export const demo = 1;\n',
      'fixtures/fixture.ts': "import { server } from '../sandbox/server';\nexport const fixture = server;\n",
      'scenarios/scenario.ts': 'export interface Scenario { title: string }\n',
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

  test("reports imports past a folder's neighbours, up a layer, out of every layer, and unresolved ones", async () => {
    const violations = await findImportViolations(root);
    const found = violations.map(({ importer, resolved, rule }) => `${importer} → ${resolved ?? '(nothing)'}: ${rule}`).sort();
    expect(found).toEqual([
      'contracts/leaky.ts → sandbox/server.ts: contracts/ imports only contracts/ and packages',
      'fixtures/fixture.ts → sandbox/server.ts: fixtures/ imports only fixtures/, src/, contracts/ and packages',
      'sandbox/server.ts → src/base/value.ts: sandbox/ imports only sandbox/, contracts/ and packages',
      'src/base/upward.ts → src/run/parts/one.ts: src/base may not import the higher layer src/run (layers, bottom to top: base < model < run < guards < reporting < cli)',
      'src/cli/main.ts → src/loose.ts: src/loose.ts is in no layer of src/ (base, model, run, guards, reporting, cli)',
      'src/model/dynamic.ts → sandbox/server.ts: src/ imports only src/, contracts/ and packages',
      'src/model/nowhere.ts → (nothing): resolves to nothing',
      'src/model/reexport.ts → fixtures/fixture.ts: src/ imports only src/, contracts/ and packages',
      'src/model/sideEffect.ts → tests/setup.ts: src/ imports only src/, contracts/ and packages',
      'src/model/static.ts → targets/demo/target.ts: src/ imports only src/, contracts/ and packages',
      'src/model/typeOnly.ts → scenarios/scenario.ts: src/ imports only src/, contracts/ and packages',
    ]);
  });

  test('reports components that import each other round a loop, with an import for each step', async () => {
    const cycles = findComponentCycles(await readImportEdges(root));
    // src/base/upward.ts (also an upward import) closes a second loop through the same component.
    expect(cycles).toEqual([
      [
        'src/base → src/run/parts (src/base/upward.ts → src/run/parts/one.ts)',
        'src/run/other → src/run/parts (src/run/other/two.ts → src/run/parts/one.ts)',
        'src/run/parts → src/base (src/run/parts/one.ts → src/base/value.ts)',
        'src/run/parts → src/run/other (src/run/parts/one.ts → src/run/other/two.ts)',
      ],
    ]);
  });
});
