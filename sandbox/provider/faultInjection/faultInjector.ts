import type { ApiFaultKind, InjectionPlan, InjectionRecord, WebhookFaultPlan } from '../../../contracts/faultPlan';
import { mulberry32 } from './seededRandom';

/** What the API fault check needs to know of a request. */
export interface RequestSummary {
  method: string;
  path: string;
  /** The raw `X-Stripe-Client-User-Agent` header (JSON; `application.name` names the integration). */
  clientUserAgent: string | undefined;
}

const KEEP_RECORDS = 10_000;

/**
 * The provider's current injection plan and everything injected so far. The API side asks `apiFaultFor`
 * before running a request; webhook delivery asks `webhookFaultsFor` per endpoint and records what it did.
 */
export class FaultInjector {
  private current: InjectionPlan | null = null;
  private random: () => number = Math.random;
  private readonly injected: InjectionRecord[] = [];

  constructor(plan?: InjectionPlan | null) {
    if (plan) this.replace(plan);
  }

  get plan(): InjectionPlan | null {
    return this.current;
  }

  /** Replaces the plan (the record is kept); a seed restarts its sequence. */
  replace(plan: InjectionPlan): void {
    this.current = plan;
    this.random = plan.api?.seed !== undefined ? mulberry32(plan.api.seed) : Math.random;
  }

  /** No plan, no record. */
  clear(): void {
    this.current = null;
    this.random = Math.random;
    this.injected.length = 0;
  }

  records(): InjectionRecord[] {
    return [...this.injected];
  }

  record(entry: Omit<InjectionRecord, 'at'>): void {
    this.injected.push({ at: Date.now(), ...entry });
    if (this.injected.length > KEEP_RECORDS) this.injected.splice(0, this.injected.length - KEEP_RECORDS);
  }

  /** The fault this request gets, or null; only requests the plan's filters select draw from the PRNG. */
  apiFaultFor(request: RequestSummary): ApiFaultKind | null {
    const api = this.current?.api;
    if (!api || api.rate <= 0) return null;
    if (api.methods && !api.methods.includes(request.method.toUpperCase())) return null;
    if (api.appName !== undefined && applicationName(request.clientUserAgent) !== api.appName) return null;
    if (this.random() >= api.rate) return null;
    return api.kinds[Math.floor(this.random() * api.kinds.length)] ?? null;
  }

  retryAfterSeconds(): number {
    return this.current?.api?.retryAfterSeconds ?? 1;
  }

  /** The webhook faults that apply to deliveries to this endpoint, or null. */
  webhookFaultsFor(endpointId: string): WebhookFaultPlan | null {
    const webhooks = this.current?.webhooks;
    if (!webhooks) return null;
    const selector = webhooks.endpoint ?? '*';
    return selector === '*' || selector === endpointId ? webhooks : null;
  }
}

/** `application.name` of stripe-node's `X-Stripe-Client-User-Agent` JSON (set by `appInfo`), if any. */
export function applicationName(clientUserAgent: string | undefined): string | undefined {
  if (!clientUserAgent) return undefined;
  try {
    const parsed = JSON.parse(clientUserAgent) as { application?: { name?: unknown } };
    return typeof parsed.application?.name === 'string' ? parsed.application.name : undefined;
  } catch {
    return undefined;
  }
}
