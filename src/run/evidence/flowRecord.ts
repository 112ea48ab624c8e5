/**
 * What one rehearsed test did, as the sign-off reads it: `<runDir>/evidence/flows/<flow>--<testRunId>.json`
 * (docs/architecture.md, "Flow records and timelines"). Every time is epoch milliseconds. While the test runs, its
 * progress journal (src/run/evidence/flowProgress.ts) holds what it did so far: a test stopped before it wrote this record
 * is read from there, as interrupted.
 */

import type { ChecklistItemId, OutOfScope } from '../../model/checklist/types';
import type { ApiUsage } from '../rateBudget/usageRecorder';

/** How the test ended (Playwright's testInfo.status). */
export type FlowStatus = 'passed' | 'failed' | 'skipped' | 'timedOut' | 'interrupted';

/**
 * What kind of reasoned skip it was, when it is not an exemption. `target-gap`: the target cannot do it (it lacks a
 * flow method, a plan, a capability: fixtures/journey/targetAbility.ts), so what it would have decided was not
 * rehearsed. Absent: the skip does not apply to this run (live mode takes no test cards, test mode has no live
 * endpoints…), an exemption.
 */
export type SkipKind = 'target-gap';

/**
 * How a step ended. `interrupted`: the test was stopped (a signal, its worker killed) while the step was in progress,
 * so it neither passed nor failed.
 */
export type StepStatus = 'passed' | 'failed' | 'skipped' | 'interrupted';

/** One step of the flow (`evidence.step`), with the checklist items it decides. */
export interface StepRecord {
  /** As shown in the report (redacted). */
  title: string;
  status: StepStatus;
  startedAt: number;
  endedAt: number;
  /** Checklist item ids (src/model/checklist/catalogue.ts) the step decides; every id is a known item. */
  checklist: ChecklistItemId[];
  /** A failed step's error: one line, redacted (an interrupted step's: what its interruption did). */
  error?: string;
  /**
   * A failed step whose failure came from an assertion tagged with these items (`evidence.check`): only they fail;
   * the step's other items are not decided by it (it stopped before it could). Absent on a failed step: the failure
   * was not tagged, so it fails every item of the step.
   */
  failedItems?: ChecklistItemId[];
  /** A skipped step's reason. */
  skipReason?: string;
  /** A skipped step the target could not perform (absent: an exemption). */
  skipKind?: SkipKind;
}

/** The parties whose moments a timeline shows, one lane each. */
export type TimelineLane = 'browser' | 'provider' | 'webhook' | 'referral';

/** One moment of the flow, as exactly as its source knows it. */
export interface TimelinePoint {
  lane: TimelineLane;
  label: string;
  /** Epoch ms. */
  at: number;
  /** 's' when the time came from a source that only knows whole seconds (a provider's `created`). */
  precision: 'ms' | 's';
  /** The object the moment is about (click, event, conversion, commission id…). */
  objectId?: string;
}

/** A screenshot of the flow, also written to the run directory. */
export interface FlowScreenshot {
  name: string;
  /** Relative to the run directory, with forward slashes: `evidence/screenshots/<testRunId>-<nn>-<slug>.jpg`. */
  file: string;
  /** The title of the step it was taken in, when it was taken in one. */
  step?: string;
}

/** One call the harness made to the payment provider's API, as the SDK reported its response. */
export interface ProviderRequestRecord {
  method: string;
  /** Without the query string. */
  path: string;
  status: number;
  /** The response's `Request-Id`; absent when the response carried none. */
  requestId?: string;
  /** When the request started. */
  at: number;
  elapsedMs: number;
}

export interface FlowRecord {
  /** The rehearsal's run id (REHEARSAL_RUN_ID): the run directory's name. */
  runId: string;
  /** The test's own run id (the `runId` fixture): tags its click, customer email and screenshots. */
  testRunId: string;
  /** The flow name (`test.use({ flowName })`). */
  flow: string;
  /** The test's title. */
  title: string;
  /** The spec file, relative to the project root, with forward slashes. */
  file: string;
  status: FlowStatus;
  /** Why the test was skipped (its `skip` annotation). */
  skipReason?: string;
  /** A test skipped because the target cannot run it (its `target gap` annotation); absent: an exemption. */
  skipKind?: SkipKind;
  /** The test's first error, one line, redacted. */
  error?: string;
  /** An interrupted test: the title of the step it was in when it was stopped (absent: it was between steps). */
  interruptedDuring?: string;
  startedAt: number;
  endedAt: number;
  steps: StepRecord[];
  /** Ordered by time (see orderTimeline). */
  timeline: TimelinePoint[];
  screenshots: FlowScreenshot[];
  providerRequests: ProviderRequestRecord[];
  /** Every webhook delivery the test looked at, one per event and endpoint (its latest view); absent in older records. */
  deliveries?: DeliveryRecord[];
  /** Webhooks the test could not see delivered (no delivery log, no sink the platform can reach); absent: none. */
  unobservedDeliveries?: UnobservedDelivery[];
  /** The test's API calls per rate zone (src/run/rateBudget): calls, peak rate, limit and budget; absent in older records. */
  apiUsage?: ApiUsage;
  /** Items the target leaves out of the rehearsal (a payment-only merchant's referral items); absent: none. */
  outOfScope?: OutOfScope[];
}

/**
 * Where a webhook delivery verdict's evidence came from: the provider's delivery attempts (a provider that exposes
 * them: the sandbox; real Stripe does not), the provider's `pending_webhooks` count alone, the referral platform's
 * delivery log (`GET /v1/deliveries`), or the harness's own signed sink.
 */
export type DeliveryEvidenceSource = 'provider-delivery-attempts' | 'provider-pending-webhooks' | 'referral-delivery-log' | 'harness-sink';

/**
 * A webhook the harness expected the referral platform to send to the merchant's endpoints but could not observe: its
 * API lists neither the endpoints nor the deliveries (Rewardful, Dub). Never counted as delivered, nor as failed.
 */
export interface UnobservedDelivery {
  sender: 'referral-platform';
  eventType: string;
  objectId?: string;
  /** Why it could not be seen: the platform's own sentence (`ReferralPlatformLimits`). */
  reason: string;
}

/** One attempt of a delivery, as the log showed it. */
export interface DeliveryAttemptRecord {
  /** Epoch ms (from a log in whole seconds: `precision` of the source). */
  at: number;
  /** The HTTP status the endpoint answered; null when there was no answer (refused, timed out, unreachable). */
  status: number | null;
  /** Why there was no answer, or a short reason for a failed one. */
  error?: string;
  succeeded: boolean;
}

/**
 * What the harness saw of one event's delivery to one endpoint (or, from `pending_webhooks`, to all of them), the
 * last time it looked. The sign-off adds these up per endpoint: the run's delivery success rate.
 */
export interface DeliveryRecord {
  source: DeliveryEvidenceSource;
  /** Who sent the webhook. */
  sender: 'provider' | 'referral-platform';
  eventType: string;
  /** The provider's event id (evt_…) or the referral platform's message id (msg_…). */
  eventId: string;
  /** The object the event is about (charge, invoice, conversion, commission id). */
  objectId?: string;
  /** The receiving endpoint; absent for `provider-pending-webhooks` (the count covers every endpoint at once). */
  endpoint?: { id: string; url: string };
  /** In attempt order; empty when the source shows no attempts (`provider-pending-webhooks`). */
  attempts: DeliveryAttemptRecord[];
  /**
   * `delivered`: a 2xx answer (or pending_webhooks 0); `retrying`: failed so far, the sender will try again;
   * `failed`: failed and the sender gave up (dead-lettered), or still undelivered when the harness stopped waiting.
   */
  outcome: 'delivered' | 'retrying' | 'failed';
  /** When the harness read it (epoch ms). */
  observedAt: number;
}
