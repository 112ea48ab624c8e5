import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LAYERS_OF_COMPONENTS, MAY_IMPORT, SRC_LAYERS, type SrcLayer } from './layers';

/** One import as the TypeScript compiler resolved it; `resolved` is absent when it resolves to nothing. */
export interface ImportEdge {
  /** The importing file, relative to the project root (`src/cli/main.ts`). */
  importer: string;
  /** The specifier as written (`../../targets/index`). */
  specifier: string;
  /** Where it resolved, relative to the project root, or `node_modules/…` for a package. */
  resolved?: string;
}

/** An import that breaks the map of the code, and which rule it breaks, in words. */
export interface ImportViolation extends ImportEdge {
  rule: string;
}

const TSC = path.resolve('node_modules/typescript/bin/tsc');

/**
 * Every import of every file under the top-level folders of MAY_IMPORT that exist in `root`. The TypeScript compiler
 * does the resolving (`tsc --explainFiles` over `<root>/tsconfig.json`'s options), so static imports, `import type`,
 * `export … from` and dynamic `import('literal')` count exactly as the compiler sees them; a dynamic import of a
 * computed path is no edge.
 */
export async function readImportEdges(root: string): Promise<ImportEdge[]> {
  const folders = Object.keys(MAY_IMPORT).filter((folder) => existsSync(path.join(root, folder)));
  const dir = await mkdtemp(path.join(tmpdir(), 'import-graph-'));
  try {
    const tsconfig = path.join(dir, 'tsconfig.json');
    await writeFile(
      tsconfig,
      JSON.stringify({
        extends: path.join(root, 'tsconfig.json'),
        // From a config outside the project, `types` would be looked up next to the config: point at the project's.
        compilerOptions: { noEmit: true, typeRoots: [path.join(root, 'node_modules', '@types')] },
        include: folders.map((folder) => path.join(root, folder)),
      }),
    );
    const output = await runTsc(['-p', tsconfig, '--explainFiles', '--pretty', 'false'], root);
    return [...resolvedEdges(output, root), ...unresolvedEdges(output)].filter((edge) => folders.includes(topFolder(edge.importer)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The imports that break MAY_IMPORT (a folder reaching past its neighbours), the layers of src/, or that resolve to nothing. */
export async function findImportViolations(root: string): Promise<ImportViolation[]> {
  const violations: ImportViolation[] = [];
  for (const edge of await readImportEdges(root)) {
    const rule = brokenRule(edge);
    if (rule) violations.push({ ...edge, rule });
  }
  return violations;
}

function brokenRule({ importer, resolved }: ImportEdge): string | undefined {
  if (resolved === undefined) return 'resolves to nothing';
  if (isPackage(resolved)) return undefined;
  const from = topFolder(importer);
  const to = topFolder(resolved);
  if (from !== to && !(MAY_IMPORT[from] ?? []).includes(to)) {
    const allowed = [from, ...(MAY_IMPORT[from] ?? [])].map((folder) => `${folder}/`).join(', ');
    return `${from}/ imports only ${allowed} and packages`;
  }
  if (from !== 'src' || to !== 'src') return undefined;
  const fromLayer = layerOf(importer);
  const toLayer = layerOf(resolved);
  if (!fromLayer) return `${importer} is in no layer of src/ (${SRC_LAYERS.join(', ')})`;
  if (!toLayer) return `${resolved} is in no layer of src/ (${SRC_LAYERS.join(', ')})`;
  if (SRC_LAYERS.indexOf(toLayer) > SRC_LAYERS.indexOf(fromLayer)) {
    return `src/${fromLayer} may not import the higher layer src/${toLayer} (layers, bottom to top: ${SRC_LAYERS.join(' < ')})`;
  }
  return undefined;
}

/**
 * The cycles between components of src/ (see layers.ts): each a list of components, in import order, that import one
 * another round a loop, with one import that closes each step.
 */
export function findComponentCycles(edges: ImportEdge[]): string[][] {
  const graph = new Map<string, Map<string, string>>();
  for (const { importer, resolved } of edges) {
    if (!resolved || !importer.startsWith('src/') || !resolved.startsWith('src/')) continue;
    const from = componentOf(importer);
    const to = componentOf(resolved);
    if (from === to) continue;
    const targets = graph.get(from) ?? new Map<string, string>();
    if (!targets.has(to)) targets.set(to, `${importer} → ${resolved}`);
    graph.set(from, targets);
  }
  return stronglyConnected(graph)
    .filter((group) => group.length > 1)
    .map((group) => describeCycle(group, graph));
}

/** `src/run/evidence` for a file of a layer of components, `src/base` or `src/cli` otherwise. */
export function componentOf(file: string): string {
  const [, layer, child] = file.split('/');
  const isFolder = child !== undefined && file.split('/').length > 3;
  if (LAYERS_OF_COMPONENTS.includes(layer as SrcLayer) && isFolder) return `src/${layer}/${child}`;
  return `src/${layer}`;
}

function describeCycle(group: string[], graph: Map<string, Map<string, string>>): string[] {
  const members = new Set(group);
  const lines: string[] = [];
  for (const from of group.sort()) {
    for (const [to, example] of graph.get(from) ?? []) {
      if (members.has(to)) lines.push(`${from} → ${to} (${example})`);
    }
  }
  return lines;
}

/** Tarjan's strongly connected components. */
function stronglyConnected(graph: Map<string, Map<string, string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const nodes = new Set([...graph.keys(), ...[...graph.values()].flatMap((targets) => [...targets.keys()])]);
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      groups.push(group);
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return groups;
}

function layerOf(file: string): SrcLayer | undefined {
  const layer = file.split('/')[1];
  return SRC_LAYERS.find((known) => known === layer && file.split('/').length > 2);
}

function topFolder(file: string): string {
  return file.split('/')[0]!;
}

function isPackage(file: string): boolean {
  return file.startsWith('node_modules/') || file.includes('/node_modules/');
}

/** `Imported via '<specifier>' from file '<importer>'` under each file the compiler lists. */
function resolvedEdges(output: string, root: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  let current: string | undefined;
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    if (!/^\s/.test(line)) {
      current = projectPath(line.trim(), root);
      continue;
    }
    const via = /^\s+Imported via (['"`])(.+?)\1 from file '(.+?)'/.exec(line);
    if (!via || current === undefined) continue;
    edges.push({ importer: projectPath(via[3]!, root), specifier: via[2]!, resolved: current });
  }
  return edges;
}

/** `src/x.ts(3,20): error TS2307: Cannot find module '…'` (and TS2792, its Bundler-resolution cousin). */
function unresolvedEdges(output: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const match of output.matchAll(/^([a-z][^(\n]*)\(\d+,\d+\): error TS(?:2307|2792): Cannot find module '([^']+)'/gm)) {
    edges.push({ importer: match[1]!, specifier: match[2]! });
  }
  return edges;
}

function projectPath(file: string, root: string): string {
  return path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
}

function runTsc(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [TSC, ...args], { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      // Type errors elsewhere exit non-zero; only a tsc that did not run at all is a failure here.
      if (error && typeof error.code !== 'number') reject(error as Error);
      else if (!stdout.trim()) reject(new Error(`tsc printed nothing: ${stderr.trim() || error?.message}`));
      else resolve(stdout);
    });
  });
}
