import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../base/configError';
import { fillFromEnvironmentFiles } from '../../model/config/environmentFiles';
import { sinkForwardingFrom } from '../../model/config/sinkForwarding';

/** The project folder: its .env and targets/ are beside playwright.config.ts. */
const PROJECT_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
import { SINK_RELAY_VARIABLES, startSinkRelay } from './sinkRelay';

/**
 * Playwright globalSetup: with REHEARSAL_SINK_URL set, starts the run's sink relay on REHEARSAL_SINK_PORT (what the
 * operator's tunnel forwards to) and hands it to the workers; the function it returns stops it. Without it, nothing.
 * A caller that already runs a relay (REHEARSAL_SINK_RELAY set) keeps it. The variables may be in the environment or
 * in the .env files the workers read.
 */
export default async function startRunSinkRelay(): Promise<(() => Promise<void>) | undefined> {
  if (process.env[SINK_RELAY_VARIABLES.url]) return undefined;
  const forwarding = sinkForwardingFrom(withEnvironmentFiles(process.env));
  if (!forwarding) return undefined;
  const relay = await startSinkRelay({ port: forwarding.port }).catch((error: unknown) => {
    const inUse = (error as { code?: string }).code === 'EADDRINUSE';
    throw new ConfigError(
      inUse
        ? `REHEARSAL_SINK_PORT ${forwarding.port} is in use on this machine: stop what listens there, or set REHEARSAL_SINK_PORT to a free port and point your tunnel at it.`
        : `The sink relay did not start on 127.0.0.1:${forwarding.port}: ${error instanceof Error ? error.message : String(error)}.`,
    );
  });
  process.env[SINK_RELAY_VARIABLES.url] = relay.url;
  process.env[SINK_RELAY_VARIABLES.token] = relay.token;
  return async () => {
    delete process.env[SINK_RELAY_VARIABLES.url];
    delete process.env[SINK_RELAY_VARIABLES.token];
    await relay.close();
  };
}

/**
 * The environment as the workers will see it once they load the configuration: REHEARSAL_SINK_URL may be in `.env` or
 * the target's own `targets/<name>/.env`. A file the workers will refuse is left to them to report.
 */
function withEnvironmentFiles(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const filled = { ...env };
  try {
    fillFromEnvironmentFiles(filled, { projectEnvFile: path.join(PROJECT_ROOT, '.env'), targetsDir: path.join(PROJECT_ROOT, 'targets') });
  } catch {
    return env;
  }
  return filled;
}
