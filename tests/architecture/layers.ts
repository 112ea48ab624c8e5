/**
 * The map of the code the import-graph test enforces (docs/architecture.md draws it).
 *
 * `src/` is in layers, bottom to top: a file imports only its own layer or a lower one. Within `model`, `run`, `guards`
 * and `reporting` each sub-folder is a component (`src/run/evidence`); `base` and `cli` are one component each. No two
 * components import each other, directly or round a longer cycle.
 */
export const SRC_LAYERS = ['base', 'model', 'run', 'guards', 'reporting', 'cli'] as const;
export type SrcLayer = (typeof SRC_LAYERS)[number];

/** Layers whose sub-folders are components of their own. */
export const LAYERS_OF_COMPONENTS: readonly SrcLayer[] = ['model', 'run', 'guards', 'reporting'];

/**
 * What each top-level folder may import, besides packages and itself. `contracts/` is the one place a shape crossing
 * between the harness (`src/`) and the offline world (`sandbox/`) is written; it imports nothing of the project.
 */
export const MAY_IMPORT: Record<string, readonly string[]> = {
  contracts: [],
  src: ['contracts'],
  sandbox: ['contracts'],
  fixtures: ['src', 'contracts'],
  scenarios: ['fixtures', 'src', 'contracts'],
};
