import type { Target } from '../src/target/contract';
import { demoTarget } from './demo/demoTarget';

const TARGETS: Record<string, Target> = {
  [demoTarget.name]: demoTarget,
};

export function loadTarget(name: string): Target {
  const target = TARGETS[name];
  if (!target) throw new Error(`Unknown target "${name}". Known targets: ${Object.keys(TARGETS).join(', ')}.`);
  return target;
}
