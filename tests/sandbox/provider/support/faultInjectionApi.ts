import type { InjectionPlan, InjectionRecord } from '../../../../sandbox/provider/index';
import type { RunningTestProvider } from './fixtures';

export interface InjectionState {
  plan: InjectionPlan | null;
  injected: InjectionRecord[];
}

/** One call to the sandbox-only `/_sandbox/fault_injection` route, raw: status and JSON body. */
export async function faultInjection(
  provider: RunningTestProvider,
  method: 'PUT' | 'GET' | 'DELETE',
  plan?: unknown,
  options: { key?: string } = {},
): Promise<{ status: number; body: InjectionState & { error?: Record<string, unknown> } }> {
  const res = await fetch(`${provider.url}/_sandbox/fault_injection`, {
    method,
    headers: {
      authorization: `Bearer ${options.key ?? provider.secretKey}`,
      ...(plan === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(plan === undefined ? {} : { body: JSON.stringify(plan) }),
  });
  return { status: res.status, body: (await res.json()) as InjectionState & { error?: Record<string, unknown> } };
}

/** Sets the plan and fails the test if the provider refuses it. */
export async function injectFaults(provider: RunningTestProvider, plan: InjectionPlan): Promise<void> {
  const { status, body } = await faultInjection(provider, 'PUT', plan);
  if (status !== 200) throw new Error(`PUT /_sandbox/fault_injection answered ${status}: ${JSON.stringify(body)}`);
}
