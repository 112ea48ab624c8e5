import { join } from 'node:path';
import { loadRehearsal } from '../config/loadRehearsal';
import { loadTarget } from '../target/loadTarget';
import { rehearsedSystem, rehearsedSystemLine } from '../target/rehearsedSystem';
import { REPO_ROOT } from './repoRoot';

/**
 * The first line of `rehearse run` and `rehearse preflight`, before anything else is printed: which system this
 * invocation rehearses, in words ("▸ Rehearsing the embedded offline sandbox (no account, nothing leaves this
 * machine)" or "▸ Rehearsing your site at https://shop.example (provider …, referral platform …)"). Reads the
 * configuration as loadConfiguration does (which reads it again, printing its own line), connects the target the
 * way a worker does and releases it: only what `connect` chose is the truth. A configuration problem is the same
 * one-line ConfigError loadConfiguration would throw.
 */
export async function printRehearsedSystem(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = await loadRehearsal(env, {
    envFile: join(REPO_ROOT, '.env'),
    targetsDir: join(REPO_ROOT, 'targets'),
    configFile: join(REPO_ROOT, 'rehearsal.config.ts'),
  });
  const target = await loadTarget(config.targetName, { targetsDir: join(REPO_ROOT, 'targets') });
  const environment = await target.connect({ workerIndex: 0, env });
  try {
    console.log(rehearsedSystemLine(rehearsedSystem(environment)));
  } finally {
    await environment.release();
  }
}
