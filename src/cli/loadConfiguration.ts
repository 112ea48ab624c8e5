import { join } from 'node:path';
import { loadRehearsal, type RehearsalSettings } from '../config/loadRehearsal';
import type { Target } from '../target/contract';
import { loadTarget } from '../target/loadTarget';
import { REPO_ROOT } from './repoRoot';

/**
 * The CLI's configuration step: the environment, `.env`, rehearsal.config.ts and the chosen target (imported from
 * targets/<name>/target.ts), then one line "▸ Checking the configuration… ✓ mode test, target demo". Any problem
 * is a ConfigError (exit 2, one line), printed before anything else.
 */
export async function loadConfiguration(env: NodeJS.ProcessEnv = process.env): Promise<{ config: RehearsalSettings; target: Target }> {
  const config = await loadRehearsal(env, { envFile: join(REPO_ROOT, '.env'), configFile: join(REPO_ROOT, 'rehearsal.config.ts') });
  const target = await loadTarget(config.targetName, { targetsDir: join(REPO_ROOT, 'targets') });
  console.log(`▸ Checking the configuration… ✓ mode ${config.mode}, target ${config.targetName}`);
  return { config, target };
}
