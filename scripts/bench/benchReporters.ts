import { isAbsolute, resolve } from 'node:path';
import type { ReporterDescription } from '@playwright/test';

/** Playwright's JSON report at REHEARSAL_BENCH_RESULTS (the bench reads the tests' outcome from it), if set. */
export function benchResultsReporter(env: NodeJS.ProcessEnv): ReporterDescription[] {
  const outputFile = env.REHEARSAL_BENCH_RESULTS;
  return outputFile ? [['json', { outputFile }]] : [];
}

/** Reporters written as paths relative to the project root ('./src/…'), made absolute for a config elsewhere. */
export function fromProjectRoot(reporters: ReporterDescription[], root: string): ReporterDescription[] {
  return reporters.map(([name, options]) =>
    name.startsWith('.') && !isAbsolute(name)
      ? ([resolve(root, name), options] as ReporterDescription)
      : ([name, options] as ReporterDescription),
  );
}
