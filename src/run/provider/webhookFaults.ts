import type { FaultInjectionState, InjectionPlan, InjectionRecord, WebhookFaultPlan } from '../../../contracts/faultPlan';
import { redactText } from '../../base/redact';

interface ProviderAccess {
  apiBase: string;
  secretKey: string;
}

/**
 * Turns the sandbox provider's webhook faults on (`PUT /_sandbox/fault_injection`); false against a provider without
 * fault injection (real Stripe answers 404), so the caller can say the probe did not run.
 */
export async function injectWebhookFaults(access: ProviderAccess, faults: WebhookFaultPlan): Promise<boolean> {
  const plan: InjectionPlan = { webhooks: faults };
  const response = await faultInjectionRoute(access, 'PUT', JSON.stringify(plan));
  return response !== undefined;
}

/** What the sandbox provider injected so far; undefined without fault injection. */
export async function readInjectedFaults(access: ProviderAccess): Promise<InjectionRecord[] | undefined> {
  const body = (await faultInjectionRoute(access, 'GET')) as Partial<FaultInjectionState> | undefined;
  return body?.injected;
}

/** Turns every injected fault off again (the provider outlives the test: the next one must find it clean). */
export async function clearInjectedFaults(access: ProviderAccess): Promise<void> {
  await faultInjectionRoute(access, 'DELETE');
}

async function faultInjectionRoute(access: ProviderAccess, method: 'GET' | 'PUT' | 'DELETE', body?: string): Promise<unknown> {
  const url = `${access.apiBase.replace(/\/+$/, '')}/_sandbox/fault_injection`;
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${access.secretKey}`,
      accept: 'application/json',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status === 404) return undefined;
  const text = await response.text();
  if (!response.ok)
    throw new Error(redactText(`${method} /_sandbox/fault_injection at the provider answered ${response.status}: ${text.slice(0, 200)}`));
  return JSON.parse(text) as unknown;
}
