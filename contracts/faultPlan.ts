/**
 * The sandbox provider's fault-injection plan (docs/architecture.md, "Fault injection"). Written by the harness or a
 * test with `PUT /_sandbox/fault_injection` (src/run/provider/webhookFaults.ts) or given to the sandbox at start
 * (`SANDBOX_INJECTION`); read and applied by the sandbox provider (sandbox/provider/faultInjection/), which answers
 * every `PUT|GET|DELETE /_sandbox/fault_injection` with its state, the plan and every fault injected so far.
 * Real Stripe has no such route (404).
 */

/** The kinds of API fault the provider can answer with instead of running a request; `drop` closes the socket. */
export const API_FAULT_KINDS = ['500', '429', '409', 'drop'] as const;
export type ApiFaultKind = (typeof API_FAULT_KINDS)[number];

/** What the provider does to webhook deliveries. */
export interface WebhookFaultPlan {
  /** `we_…` or `*` (default): which endpoints' deliveries are affected. */
  endpoint?: string;
  /** Every event delivered twice: same event id, the second right after the first succeeded. */
  duplicate?: boolean;
  /** The events one API request (or one hosted-page submit) created are delivered newest first. */
  reorder?: boolean;
  /** Every first delivery attempt waits this long (at most 30 000 ms). */
  delayMs?: number;
  /** The first N attempts of each event are recorded as failed ("injected failure"), then retried. */
  failFirst?: number;
}

/** Which `/v1` requests get an API fault instead of being run. */
export interface ApiFaultPlan {
  /** 0..1: the share of `/v1` requests that get a fault. */
  rate: number;
  kinds: ApiFaultKind[];
  /** `Retry-After` on a 429 (default 1). */
  retryAfterSeconds?: number;
  /** Seeds the choice (which requests, which kind), so a run can be repeated. */
  seed?: number;
  /** Only these HTTP methods (default all). */
  methods?: string[];
  /** Only requests whose `X-Stripe-Client-User-Agent` names this application (`application.name`). */
  appName?: string;
}

/** The whole plan `PUT /_sandbox/fault_injection` sets; it replaces the previous one. */
export interface InjectionPlan {
  webhooks?: WebhookFaultPlan;
  api?: ApiFaultPlan;
}

/** One fault the provider injected. */
export interface InjectionRecord {
  /** Epoch ms. */
  at: number;
  kind: 'duplicate' | 'reorder' | 'delay' | 'fail' | ApiFaultKind;
  /** The request path (API faults) or the endpoint id (webhook faults). */
  target: string;
  requestId?: string;
  eventId?: string;
}

/** What every `/_sandbox/fault_injection` route answers: the plan in force (null: none) and what it injected. */
export interface FaultInjectionState {
  plan: InjectionPlan | null;
  injected: InjectionRecord[];
}
