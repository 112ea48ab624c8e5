import { ProviderApiError } from '../core/errors';
import type { InjectionPlan } from '../../../contracts/faultPlan';
import { validateInjectionPlan } from './injectionPlan';

/** The environment variable the embedded sandbox reads its injection plan from at start. */
export const INJECTION_VARIABLE = 'SANDBOX_INJECTION';

/** A plan given at start (environment or option) that is not valid JSON or not a valid plan. */
export class InjectionPlanError extends Error {
  override name = 'InjectionPlanError';
}

/** The plan in `SANDBOX_INJECTION` (JSON), or null when it is unset or blank; throws InjectionPlanError naming the variable. */
export function injectionPlanFromEnv(env: NodeJS.ProcessEnv = process.env): InjectionPlan | null {
  const text = env[INJECTION_VARIABLE]?.trim();
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InjectionPlanError(
      `${INJECTION_VARIABLE} is not valid JSON (${(error as Error).message}); expected e.g. {"api":{"rate":0.1,"kinds":["500","429"]}}.`,
    );
  }
  return checkedInjectionPlan(value, INJECTION_VARIABLE);
}

/** Validates a plan given in code or the environment; `source` names where it came from in the error. */
export function checkedInjectionPlan(value: unknown, source: string): InjectionPlan {
  try {
    return validateInjectionPlan(value);
  } catch (error) {
    if (error instanceof ProviderApiError) throw new InjectionPlanError(`${source} is not a valid injection plan: ${error.message}`);
    throw error;
  }
}
