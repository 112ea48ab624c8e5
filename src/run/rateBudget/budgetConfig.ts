import { PUBLISHED_LIMITS, type RateLimitName } from './zones';

/** How much of each published limit the harness allows itself, and the limits themselves. */
export interface RateBudgetConfig {
  /**
   * The share of a limit one process may use when it keeps its own budget (no budget server, or none it can reach):
   * REHEARSAL_RATE_BUDGET_FRACTION (default 0.5) ÷ the worker count.
   */
  fraction: number;
  /** The share of a limit the whole run may use: REHEARSAL_RATE_BUDGET_FRACTION, not divided; the budget server's. */
  runFraction: number;
  limits: Record<RateLimitName, number>;
  /** REHEARSAL_RATE_BUDGET_URL: the run's budget server (budgetServer.ts), set by the Playwright run's globalSetup. */
  budgetServerUrl?: string;
}

/** The default share of each published limit the whole harness allows itself. */
export const DEFAULT_BUDGET_FRACTION = 0.5;

/**
 * Reads REHEARSAL_RATE_BUDGET_FRACTION (0 < f ≤ 1), REHEARSAL_RATE_LIMITS (JSON, e.g. `{"provider":25}`, calls per
 * the zone's window) and REHEARSAL_RATE_BUDGET_URL. A Playwright run holds one budget for all its workers, at
 * `runFraction`, in a loopback server its globalSetup starts (budgetServerSetup.ts). `fraction` is one worker's share,
 * `runFraction` ÷ `workers`, for a process without that server (the CLI, unit tests) or that cannot reach it: such a
 * process keeps its own budget, and N of them at f each could together reach N × f of a limit. Throws one-line errors.
 */
export function readRateBudgetConfig(env: NodeJS.ProcessEnv = process.env, workers = 1): RateBudgetConfig {
  const runFraction = parseFraction(env.REHEARSAL_RATE_BUDGET_FRACTION);
  const limits = parseLimits(env.REHEARSAL_RATE_LIMITS);
  const share = Number.isInteger(workers) && workers > 1 ? workers : 1;
  const budgetServerUrl = env.REHEARSAL_RATE_BUDGET_URL?.trim() || undefined;
  return { fraction: runFraction / share, runFraction, limits, ...(budgetServerUrl ? { budgetServerUrl } : {}) };
}

function parseFraction(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return DEFAULT_BUDGET_FRACTION;
  const value = Number(text.trim());
  if (!Number.isFinite(value) || value <= 0 || value > 1) {
    throw new Error(`REHEARSAL_RATE_BUDGET_FRACTION must be a number above 0 and at most 1 (got "${text}").`);
  }
  return value;
}

function parseLimits(text: string | undefined): Record<RateLimitName, number> {
  const limits = Object.fromEntries(Object.entries(PUBLISHED_LIMITS).map(([name, published]) => [name, published.limit])) as Record<
    RateLimitName,
    number
  >;
  if (text === undefined || text.trim() === '') return limits;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`REHEARSAL_RATE_LIMITS must be JSON like {"provider":25} (got "${text}").`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`REHEARSAL_RATE_LIMITS must be a JSON object like {"provider":25} (got "${text}").`);
  }
  for (const [name, value] of Object.entries(parsed)) {
    if (!(name in PUBLISHED_LIMITS)) {
      throw new Error(`REHEARSAL_RATE_LIMITS names an unknown zone "${name}"; known: ${Object.keys(PUBLISHED_LIMITS).join(', ')}.`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new Error(`REHEARSAL_RATE_LIMITS.${name} must be a positive number of calls (got ${JSON.stringify(value)}).`);
    }
    limits[name as RateLimitName] = value;
  }
  return limits;
}
