// `npm run test:stability [-- --runs 20]`: runs the full rehearsal (preflight and every scenario, on the embedded
// sandbox, Playwright retries off) that many times in a row and prints how many passed. A harness that fails a correct
// integration now and then is as useless as one that passes a broken one: this is the measure of the first.
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { $ } from 'zx';
import { runAsScript } from '../src/cli/runAsScript';
import { UsageError } from '../src/cli/errors';

const ROOT = resolve(import.meta.dirname, '..');
/** Variables that would point the rehearsal elsewhere than the embedded, correct sandbox. */
const FOREIGN =
  /^(REHEARSAL_(MERCHANT_URL|RUN_ID|MODE|REPORTS_DIR|STATE_DIR)|(STRIPE|REFERRAL|MERCHANT)_\w*|SANDBOX_FAULTS|SANDBOX_INJECTION)$/;

async function stability(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { runs: { type: 'string', default: '20' }, keep: { type: 'boolean' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new UsageError(`--runs ${values.runs} is not a positive whole number.`);

  const outputDir = join(ROOT, 'reports', 'stability');
  await rm(outputDir, { recursive: true, force: true });
  await mkdir(outputDir, { recursive: true });
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !FOREIGN.test(name)));

  let passed = 0;
  const failures: string[] = [];
  for (let run = 1; run <= runs; run += 1) {
    const reportsDir = join(outputDir, `run-${String(run).padStart(2, '0')}`);
    const startedAt = Date.now();
    process.stdout.write(`▸ Rehearsal ${run} of ${runs}… `);
    const result = await $({
      cwd: ROOT,
      env: { ...env, REHEARSAL_REPORTS_DIR: reportsDir, REHEARSAL_STATE_DIR: join(reportsDir, 'state'), FORCE_COLOR: '0' },
      nothrow: true,
      quiet: true,
    })`node bin/rehearse.mjs run`;
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(0);
    if (result.exitCode === 0) {
      passed += 1;
      console.log(`✓ passed (${seconds} s)`);
      if (!values.keep) await rm(reportsDir, { recursive: true, force: true });
    } else {
      const why =
        result.stdout
          .split('\n')
          .find((line) => /failed|✘|✗/.test(line))
          ?.trim() ?? `exit code ${result.exitCode}`;
      failures.push(`run ${run}: ${why} (output kept in ${reportsDir})`);
      console.log(`✗ failed (${seconds} s): ${why}`);
    }
  }
  console.log(`${passed} of ${runs} consecutive rehearsals passed on the correct sandbox, with no retries.`);
  for (const failure of failures) console.log(`  - ${failure}`);
  return passed === runs ? 0 : 1;
}

await runAsScript(() => stability(process.argv.slice(2)));
