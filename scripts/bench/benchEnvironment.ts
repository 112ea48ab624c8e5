/**
 * Variables that would point the bench elsewhere than the embedded, correct sandbox, or skew its figures: the ones
 * scripts/stability.ts means to strip (every STRIPE_, REFERRAL_ and MERCHANT_ variable), the target choice, the rate
 * budget overrides, the event timeout and settle window, and the bench's own logs and report.
 */
const FOREIGN =
  /^(REHEARSAL_(MERCHANT_URL|RUN_ID|MODE|REPORTS_DIR|STATE_DIR|TARGET|ALSO_TARGETS|RATE_BUDGET_FRACTION|RATE_LIMITS|RATE_BUDGET_URL|BROWSER_WINDOW|API_CALL_LOG|OBSERVATION_LOG|BENCH_RESULTS|SETTLE_WINDOW_MS|EVENT_TIMEOUT_MS)|(STRIPE|REFERRAL|MERCHANT)_\w*|SANDBOX_FAULTS|SANDBOX_INJECTION)$/;

/** The environment the bench's rehearsals run in: this one without the foreign variables, with the targets to rehearse. */
export function benchEnvironment(env: NodeJS.ProcessEnv, alsoTargets: string): NodeJS.ProcessEnv {
  const kept = Object.fromEntries(Object.entries(env).filter(([name]) => !FOREIGN.test(name)));
  return { ...kept, REHEARSAL_ALSO_TARGETS: alsoTargets };
}

/** The second target(s), as `npm run nightly` picks them: REHEARSAL_ALSO_TARGETS, else embedded-elements. */
export function benchAlsoTargets(env: NodeJS.ProcessEnv): string[] {
  return (env.REHEARSAL_ALSO_TARGETS ?? 'embedded-elements')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}
