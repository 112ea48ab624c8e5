import { join } from 'node:path';
import { loadRehearsal, type RehearsalSettings } from '../model/config/loadRehearsal';
import type { Target } from '../model/target/contract';
import { loadTarget } from '../model/target/loadTarget';
import { rehearsedSystem, rehearsedSystemLine } from '../model/target/rehearsedSystem';
import { displayPath } from './displayPath';
import { REPO_ROOT } from './repoRoot';

/**
 * The CLI's configuration step: the environment, the chosen target's targets/<name>/.env, the project's `.env`,
 * rehearsal.config.ts and the chosen target (imported from targets/<name>/target.ts). Prints two lines: first which
 * system this invocation rehearses, in words ("▸ Rehearsing the embedded offline sandbox (no account, nothing leaves
 * this machine)" or "▸ Rehearsing your site at https://shop.example (provider …, referral platform …)"), found by
 * connecting the target the way a worker does (only what `connect` chose is the truth) and releasing it; then
 * "▸ Checking the configuration… ✓ mode test, target demo" (", with targets/acme/.env" when the target has its own
 * file). Any problem is a ConfigError (exit 2, one line), printed before anything else.
 */
export async function loadConfiguration(env: NodeJS.ProcessEnv = process.env): Promise<{ config: RehearsalSettings; target: Target }> {
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
  const ownFile = config.targetEnvFile !== undefined ? `, with ${displayPath(config.targetEnvFile)}` : '';
  console.log(`▸ Checking the configuration… ✓ mode ${config.mode}, target ${config.targetName}${ownFile}`);
  return { config, target };
}
