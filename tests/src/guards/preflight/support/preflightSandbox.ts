import { expect } from '@playwright/test';
import type { Browser } from '@playwright/test';
import type { CheckResult, PreflightReport } from '../../../../../src/model/checklist/types';
import { runPreflight, type PreflightCheck } from '../../../../../src/guards/preflight/index';
import type { Target, TargetEnvironment } from '../../../../../src/model/target/contract';
import { FaultSwitches, startSandbox, type FaultName, type RunningSandbox, type SandboxMode } from '../../../../../sandbox/index';
import { demoTarget } from '../../../../../targets/demo/target';
import { externalIntegrationEnv } from '../../../../support/externalIntegrationEnv';

/** A sandbox started for one test, and the demo target connected to it. */
export interface PreflightSandbox {
  sandbox: RunningSandbox;
  mode: SandboxMode;
  environment: TargetEnvironment;
  /** The sandbox's secret values: no preflight result may contain any of them. */
  secrets: string[];
  stop(): Promise<void>;
}

/**
 * Starts a sandbox (free ports, the given mode and faults) and connects the demo target to it the way it reaches
 * an already-running integration (REHEARSAL_MERCHANT_URL and the keys, MERCHANT_WEBHOOK_URL/_SECRET), so a test can
 * swap a key or leave the webhook secret out through `env` (a value of undefined removes the variable).
 */
export async function startPreflightSandbox(
  options: { mode?: SandboxMode; faults?: FaultName[]; env?: Record<string, string | undefined> } = {},
): Promise<PreflightSandbox> {
  const mode = options.mode ?? 'test';
  const sandbox = await startSandbox({
    mode,
    providerPort: 0,
    shopPort: 0,
    referralPort: 0,
    faults: new FaultSwitches(options.faults ?? []),
  });
  try {
    const env: Record<string, string | undefined> = {
      ...externalIntegrationEnv(sandbox),
      ...options.env,
    };
    for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
    const environment = await demoTarget.connect({ workerIndex: 0, env });
    return {
      sandbox,
      mode,
      environment,
      secrets: [sandbox.provider.secretKey, sandbox.referral.apiKey, sandbox.shop.adminKey, sandbox.shop.webhookSecret],
      stop: () => sandbox.stop(),
    };
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
}

/** Runs the given checks (all when none given) against the started sandbox, as the demo target. */
export function preflightOn(
  started: PreflightSandbox,
  options: { checks?: PreflightCheck[]; target?: Target; browser?: Browser; webhookAnswerLimitMs?: number } = {},
): Promise<PreflightReport> {
  return runPreflight({
    target: options.target ?? demoTarget,
    environment: started.environment,
    mode: started.mode,
    runId: 'preflight-self-test',
    ...(options.checks ? { checks: options.checks } : {}),
    ...(options.browser ? { browser: options.browser } : {}),
    ...(options.webhookAnswerLimitMs !== undefined ? { webhookAnswerLimitMs: options.webhookAnswerLimitMs } : {}),
  });
}

/** The one result of `check` (for `item`, when the check decides several). */
export function resultOf(report: PreflightReport, check: string, item?: string): CheckResult {
  const found = report.results.filter((result) => result.check === check && (item === undefined || result.item === item));
  expect(found, `results of ${check}${item ? ` for ${item}` : ''}`).toHaveLength(1);
  return found[0]!;
}

/** No secret value of the sandbox appears anywhere in the report: summaries, details or evidence. */
export function expectNoSecretIn(report: PreflightReport, started: PreflightSandbox): void {
  const text = JSON.stringify(report);
  for (const secret of started.secrets) expect(text.includes(secret), 'a sandbox secret in the preflight report').toBe(false);
  expect(text).not.toMatch(/\b(?:sk|rk)_(?:test|live)_[A-Za-z0-9_]{8,}|whsec_[A-Za-z0-9+/=]{8,}/);
}
