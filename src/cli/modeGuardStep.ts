import { readLiveSettings } from '../model/config/liveSettings';
import type { RehearsalSettings } from '../model/config/loadRehearsal';
import { redactText } from '../base/redact';
import { liveKeyVariables, unusedVariableWarnings } from '../guards/liveMode/environmentVariables';
import { cataloguePrices, checkLiveGuard } from '../guards/liveMode/liveGuard';
import type { Target } from '../model/target/contract';
import { chosenReferralPlatformName } from '../model/target/referralPlatformChoice';
import type { ReferralPlatformName } from '../model/target/referralPlatform';

/**
 * The live guard, before Playwright starts: connects the target as a worker would (the demo starts its embedded
 * sandbox, or reaches REHEARSAL_MERCHANT_URL), judges every rule, releases the target. Prints each failed rule on
 * stderr, one line each, and returns false when the run must not start. Judges every variable of `env` too: test
 * mode refuses a live key in any of them, and each provider, referral or merchant variable the run will not use is
 * named on stdout ("! STRIPE_SECRET_KEY is set but this run rehearses the embedded sandbox…"), whatever the verdict.
 */
export async function passesModeGuard(config: RehearsalSettings, target: Target, env: NodeJS.ProcessEnv): Promise<boolean> {
  process.stdout.write(`▸ Checking the ${config.mode} mode guard… `);
  let failures: string[];
  let warnings: string[];
  try {
    const environment = await target.connect({ workerIndex: 0, env });
    try {
      failures = await checkLiveGuard({
        mode: config.mode,
        settings: readLiveSettings(env, { amountCap: config.amountCap }),
        environment,
        variables: env,
        prices: cataloguePrices(target.catalogue),
        ...namedPlatform(target, config),
      });
      // A live variable is refused in test mode, so not named twice; in live mode it is only unused.
      warnings = unusedVariableWarnings(env, environment, config.mode === 'test' ? liveKeyVariables(env, environment) : []);
    } finally {
      await environment.release();
    }
  } catch (error) {
    console.log('✗');
    throw error;
  }
  if (failures.length === 0) {
    console.log(config.mode === 'live' ? '✓ confirmed, live keys of one account, cap and card set' : '✓ no live key anywhere');
  } else {
    console.log(`✗ ${failures.length} rule${failures.length === 1 ? '' : 's'} failed; nothing was run.`);
  }
  for (const line of warnings) console.log(redactText(`  ! ${line}`));
  for (const line of failures) console.error(redactText(line));
  return failures.length === 0;
}

/** The referral platform by name, when it is one (the guard leaves a modeless platform's keys and snippet alone). */
function namedPlatform(target: Target, config: RehearsalSettings): { referralPlatform?: ReferralPlatformName } {
  const name = chosenReferralPlatformName(target, config.referralPlatform);
  return name ? { referralPlatform: name } : {};
}
