import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** One import under `src/` that leaves it: to another folder of the project, or to nothing at all. */
export interface ImportViolation {
  /** The importing file, relative to the project root (`src/cli/main.ts`). */
  importer: string;
  /** The specifier as written (`../../targets/index`). */
  specifier: string;
  /** Where it resolved, relative to the project root; absent when it resolves to nothing. */
  resolved?: string;
}

const TSC = path.resolve('node_modules/typescript/bin/tsc');

/**
 * Every import of a file under `<root>/src` that resolves outside `src/` and outside `node_modules/` (a package), or
 * that does not resolve. The TypeScript compiler does the resolving (`tsc --explainFiles` over `<root>/tsconfig.json`'s
 * options, for `src/` and what it imports), so static imports, `import type`, `export … from` and dynamic
 * `import('literal')` count exactly as the compiler sees them; a dynamic import of a computed path is no edge.
 */
export async function findImportViolations(root: string): Promise<ImportViolation[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'import-graph-'));
  try {
    const tsconfig = path.join(dir, 'tsconfig.json');
    await writeFile(tsconfig, JSON.stringify({
      extends: path.join(root, 'tsconfig.json'),
      // From a config outside the project, `types` would be looked up next to the config: point at the project's.
      compilerOptions: { noEmit: true, typeRoots: [path.join(root, 'node_modules', '@types')] },
      include: [path.join(root, 'src')],
    }));
    const output = await runTsc(['-p', tsconfig, '--explainFiles', '--pretty', 'false'], root);
    return [...resolvedOutsideSrc(output, root), ...unresolved(output)];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `Imported via '<specifier>' from file '<importer>'` under each listed file that is neither in src/ nor a package. */
function resolvedOutsideSrc(output: string, root: string): ImportViolation[] {
  const violations: ImportViolation[] = [];
  let current: string | undefined;
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    if (!/^\s/.test(line)) {
      current = projectPath(line.trim(), root);
      continue;
    }
    const via = /^\s+Imported via (['"`])(.+?)\1 from file '(.+?)'/.exec(line);
    if (!via || current === undefined) continue;
    const importer = projectPath(via[3]!, root);
    if (!importer.startsWith('src/') || isAllowed(current)) continue;
    violations.push({ importer, specifier: via[2]!, resolved: current });
  }
  return violations;
}

/** `src/x.ts(3,20): error TS2307: Cannot find module '…'` (and TS2792, its Bundler-resolution cousin). */
function unresolved(output: string): ImportViolation[] {
  const violations: ImportViolation[] = [];
  for (const match of output.matchAll(/^(src\/[^(\n]+)\(\d+,\d+\): error TS(?:2307|2792): Cannot find module '([^']+)'/gm)) {
    violations.push({ importer: match[1]!, specifier: match[2]! });
  }
  return violations;
}

function isAllowed(file: string): boolean {
  return file.startsWith('src/') || file.startsWith('node_modules/') || file.includes('/node_modules/');
}

function projectPath(file: string, root: string): string {
  return path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
}

function runTsc(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [TSC, ...args], { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      // Type errors elsewhere exit non-zero; only a tsc that did not run at all is a failure here.
      if (error && typeof error.code !== 'number') reject(error);
      else if (!stdout.trim()) reject(new Error(`tsc printed nothing: ${stderr.trim() || error?.message}`));
      else resolve(stdout);
    });
  });
}
