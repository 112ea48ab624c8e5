import { parseArgs } from 'node:util';
import { UsageError } from '../../src/cli/errors';
import { STAGE_IDS, type StageId } from './benchFigures';

/** What `npm run bench` was asked to do. */
export interface BenchOptions {
  /** The stages to run, in A–E order. */
  stages: StageId[];
  /** Samples of each kind in stage D. */
  samples: number;
  /** How many times each Playwright stage (A, B, C, E) runs; its figure is its fastest round. Stage D runs once. */
  rounds: number;
}

export const DEFAULT_SAMPLES = 40;
export const DEFAULT_ROUNDS = 2;

const USAGE = `Usage: npm run bench [-- --stages A,B,C,D,E] [--samples ${DEFAULT_SAMPLES}] [--rounds ${DEFAULT_ROUNDS}]`;

/** `--stages A,B,C,D,E` (default all), `--samples N` (default 40) and `--rounds N` (default 2); anything else is a UsageError. */
export function parseBenchArgs(args: string[]): BenchOptions {
  let values: { stages?: string; samples?: string; rounds?: string };
  try {
    const options = { stages: { type: 'string' }, samples: { type: 'string' }, rounds: { type: 'string' } } as const;
    ({ values } = parseArgs({ args, options, strict: true }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}. ${USAGE}`);
  }
  const asked = (values.stages ?? STAGE_IDS.join(','))
    .split(',')
    .map((stage) => stage.trim().toUpperCase())
    .filter(Boolean);
  const unknown = asked.filter((stage) => !(STAGE_IDS as readonly string[]).includes(stage));
  if (unknown.length > 0 || asked.length === 0) {
    throw new UsageError(
      `--stages ${values.stages ?? ''} names no stage or an unknown one (${unknown.join(', ')}): use letters of A, B, C, D, E, e.g. --stages A,C.`,
    );
  }
  return {
    stages: STAGE_IDS.filter((id) => asked.includes(id)),
    samples: positiveWholeNumber('--samples', values.samples, DEFAULT_SAMPLES),
    rounds: positiveWholeNumber('--rounds', values.rounds, DEFAULT_ROUNDS),
  };
}

/** The flag's value as a positive whole number (its default when absent), or a UsageError. */
function positiveWholeNumber(flag: string, value: string | undefined, fallback: number): number {
  const number = Number(value ?? fallback);
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`${flag} ${value} is not a positive whole number. ${USAGE}`);
  return number;
}
