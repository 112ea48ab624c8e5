import { parseArgs } from 'node:util';
import { UsageError } from '../../src/cli/errors';
import { STAGE_IDS, type StageId } from './benchFigures';

/** What `npm run bench` was asked to do. */
export interface BenchOptions {
  /** The stages to run, in A–E order. */
  stages: StageId[];
  /** Samples of each kind in stage D. */
  samples: number;
}

export const DEFAULT_SAMPLES = 40;

/** `--stages A,B,C,D,E` (default all) and `--samples N` (default 40); anything else is a UsageError. */
export function parseBenchArgs(args: string[]): BenchOptions {
  let values: { stages?: string; samples?: string };
  try {
    ({ values } = parseArgs({ args, options: { stages: { type: 'string' }, samples: { type: 'string' } }, strict: true }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}. Usage: npm run bench [-- --stages A,B,C,D,E] [--samples 40]`);
  }
  const asked = (values.stages ?? STAGE_IDS.join(',')).split(',').map((stage) => stage.trim().toUpperCase()).filter(Boolean);
  const unknown = asked.filter((stage) => !(STAGE_IDS as readonly string[]).includes(stage));
  if (unknown.length > 0 || asked.length === 0) {
    throw new UsageError(`--stages ${values.stages ?? ''} names no stage or an unknown one (${unknown.join(', ')}): use letters of A, B, C, D, E, e.g. --stages A,C.`);
  }
  const samples = Number(values.samples ?? DEFAULT_SAMPLES);
  if (!Number.isInteger(samples) || samples < 1) throw new UsageError(`--samples ${values.samples} is not a positive whole number.`);
  return { stages: STAGE_IDS.filter((id) => asked.includes(id)), samples };
}
