import { ConfigError } from '../src/base/configError';
import { UnknownFaultError } from '../sandbox/faults';
import { CloudPostureError, InjectionPlanError } from '../sandbox/index';

const SETTING_ERRORS = [UnknownFaultError, InjectionPlanError, CloudPostureError];

/**
 * Runs a target's start of its embedded sandbox, turning the sandbox's own setting errors (SANDBOX_FAULTS,
 * SANDBOX_INJECTION, SANDBOX_CLOUD or SANDBOX_REACHABLE holds something that is not a setting) into the harness's
 * ConfigError, so the command ends with their one line and exit code 2. The sandbox imports nothing of the harness:
 * the targets, which use both, make the link.
 */
export async function withSandboxSettings<T>(start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    const badSetting = SETTING_ERRORS.some((kind) => error instanceof kind);
    throw badSetting ? new ConfigError((error as Error).message, { cause: error }) : error;
  }
}
