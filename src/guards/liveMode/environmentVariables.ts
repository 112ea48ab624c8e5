import { rehearsedSystem } from '../../model/target/rehearsedSystem';
import { unusedIntegrationVariables, type ConnectedEnvironment } from '../../model/target/unusedVariables';
import { keyMode } from './keys';

/**
 * Every variable of `variables` holding a live key (sk_live…, rk_live…, pk_live…), whatever its name and whether or
 * not the run uses it, in the environment's order; without the ones holding a key of the connected environment
 * (the guard names those as the provider's and referral platform's keys).
 */
export function liveKeyVariables(variables: NodeJS.ProcessEnv, environment: ConnectedEnvironment): string[] {
  const named = new Set(
    [
      environment.provider.secretKey,
      environment.provider.publishableKey,
      environment.referral?.secretKey,
      environment.referral?.publishableKey,
    ]
      .filter((key) => keyMode(key) === 'live')
      .map((key) => key!.trim()),
  );
  return Object.entries(variables)
    .filter(([, value]) => keyMode(value) === 'live' && !named.has(value!.trim()))
    .map(([name]) => name);
}

/**
 * Test mode refuses a live key anywhere in its environment, used or not: one line naming each variable by its
 * prefix (never its value); undefined when there is none.
 */
export function liveVariablesInTestModeFailure(variables: NodeJS.ProcessEnv, environment: ConnectedEnvironment): string | undefined {
  const names = liveKeyVariables(variables, environment);
  if (names.length === 0) return undefined;
  const listed = names.map((name) => `${name} (${/^(sk|rk|pk)/.exec(variables[name]!.trim())![1]}_live…)`);
  const one = names.length === 1;
  return (
    `Test mode refuses any live key in its environment, even one it does not use, but ${listed.join(', ')} ${one ? 'is' : 'are'} set: ` +
    `unset ${one ? 'it' : 'them'} (in the environment and .env) or set ${one ? 'a test key' : 'test keys'}; to rehearse with live keys, run with --mode live --confirm-live.`
  );
}

/**
 * One line per provider, referral or merchant variable that is set but that this run does not use, saying which
 * system the run rehearses instead and what to do. Warnings: a variable the run does not read moves no money, but
 * an operator who set it believes their integration is rehearsed. Live keys are left out (`except`): the guard
 * refuses them.
 */
export function unusedVariableWarnings(
  variables: NodeJS.ProcessEnv,
  environment: ConnectedEnvironment,
  except: readonly string[] = [],
): string[] {
  const system = rehearsedSystem(environment);
  return unusedIntegrationVariables(variables, environment)
    .filter((name) => !except.includes(name))
    .map((name) =>
      system.kind === 'embedded-sandbox'
        ? `${name} is set but this run rehearses the embedded sandbox, which does not use it: set REHEARSAL_MERCHANT_URL to rehearse your site (or unset ${name}).`
        : `${name} is set but this run does not use it (it rehearses ${system.description}): unset it, or make the target's connect() read it.`,
    );
}
