import { isLoopbackUrl } from '../../base/loopback';
import type { ReferralPlatform } from '../../model/target/referralPlatform';
import { hasDeliveryLog, platformLimit, registersEndpoints, REGISTERS_ENDPOINTS } from '../referral/platformLimits';
import { HARNESS_ENDPOINT_METADATA } from './harnessEndpoint';
import { attemptResult } from './describeAttempts';
import type { WebhookSink } from './webhookSink';

/** How long the platform gets to deliver the reachability ping. */
export const SINK_PING_DEADLINE_MS = 5_000;
const LOG_POLL_MS = 250;

/** Whether the referral platform can reach the harness's sink this run (`<runDir>/evidence/webhook-sink.json`). */
export interface SinkPosture {
  reachable: boolean;
  /** `forwarder`: through REHEARSAL_SINK_URL (a tunnel to this machine); `loopback`: the sink's own 127.0.0.1 address. */
  via: 'loopback' | 'forwarder';
  /** The public URL registered at the platform, when through a forwarder. */
  url?: string;
  /** Why it cannot be reached, or why reachability was assumed rather than seen. */
  reason?: string;
  /** Not reachable because the platform's API cannot register an endpoint (its `limits`): no tunnel changes that. */
  platformLimit?: true;
}

/**
 * Asks the referral platform to reach `sinkUrl` (the sink's loopback URL, or its public URL through a forwarder): a
 * loopback URL is never registered at a platform that is not itself on loopback (it could not reach it, and the
 * merchant's account would keep a dead endpoint); otherwise a probe endpoint is registered, pinged, and removed, and the
 * ping must reach `sink` with a valid signature within `deadlineMs`, or the delivery log must say why not.
 */
export async function probeSinkReachability(options: {
  referral: ReferralPlatform;
  referralApiBase: string;
  sink: WebhookSink;
  sinkUrl: string;
  via: SinkPosture['via'];
  deadlineMs?: number;
}): Promise<SinkPosture> {
  const { referral, sink, sinkUrl, via } = options;
  const shown = via === 'forwarder' ? { url: sinkUrl } : {};
  if (!registersEndpoints(referral)) {
    // No API registers an endpoint for the sink: the sink-only checks are skipped with the platform's own reason.
    return {
      reachable: false,
      via,
      ...shown,
      reason: platformLimit(referral, 'webhookEndpoints', REGISTERS_ENDPOINTS),
      platformLimit: true,
    };
  }
  if (via === 'loopback' && !isLoopbackUrl(options.referralApiBase)) {
    const host = hostOf(options.referralApiBase);
    return {
      reachable: false,
      via,
      reason: `the referral platform (${host}) is not on this machine, so it cannot reach the harness's sink on 127.0.0.1`,
    };
  }
  if (!referral.pingWebhookEndpoint) {
    return via === 'forwarder'
      ? { reachable: true, via, ...shown, reason: 'assumed: the referral platform has no ping API to check REHEARSAL_SINK_URL with' }
      : { reachable: true, via, reason: 'assumed: the referral platform is on this machine and has no ping API' };
  }
  let probe: Awaited<ReturnType<typeof referral.createWebhookEndpoint>>;
  try {
    probe = await referral.createWebhookEndpoint({
      url: sinkUrl,
      enabled_events: ['conversion.created'],
      metadata: { ...HARNESS_ENDPOINT_METADATA, purpose: 'sink-reachability-probe' },
    });
  } catch (error) {
    return {
      reachable: false,
      via,
      ...shown,
      reason: `the referral platform refused ${sinkUrl} as a webhook endpoint: ${messageOf(error)}`,
    };
  }
  try {
    sink.trustStandardWebhooksSecret(probe.secret);
    const ping = await referral.pingWebhookEndpoint(probe.id).catch((error: unknown) => new Error(messageOf(error)));
    if (ping instanceof Error) return { reachable: false, via, ...shown, reason: `the referral platform's ping failed: ${ping.message}` };
    const failure = await pingOutcome(referral, sink, ping.id, options.deadlineMs ?? SINK_PING_DEADLINE_MS);
    if (failure === undefined) return { reachable: true, via, ...shown };
    return { reachable: false, via, ...shown, reason: `the referral platform could not deliver a ping to ${sinkUrl}: ${failure}` };
  } finally {
    await referral.deleteWebhookEndpoint(probe.id).catch(() => undefined);
  }
}

/** Undefined when the signed ping reached the sink; else what the delivery log said, or that nothing came in time. */
async function pingOutcome(
  referral: ReferralPlatform,
  sink: WebhookSink,
  messageId: string,
  deadlineMs: number,
): Promise<string | undefined> {
  const arrived = sink
    .waitForDelivery((delivery) => delivery.eventId === messageId, { what: `the reachability ping ${messageId}`, timeoutMs: deadlineMs })
    .then(
      () => undefined,
      () => `no ping arrived within ${deadlineMs / 1000} s`,
    );
  let settled = false;
  const logged = (async (): Promise<string | undefined> => {
    while (!settled) {
      if (!hasDeliveryLog(referral)) return arrived; // no log to read: the sink alone says
      const entries = await referral.listDeliveries({ message_id: messageId, limit: 10 }).catch(() => undefined);
      const failed = entries?.data.find((entry) => entry.message_id === messageId && entry.status !== 'success');
      if (failed) return attemptResult({ status: failed.response_status, error: failed.error ?? undefined });
      await new Promise((resolve) => setTimeout(resolve, LOG_POLL_MS));
    }
    return undefined;
  })();
  const first = await Promise.race([
    arrived.then((failure) => ({ from: 'sink' as const, failure })),
    logged.then((failure) => ({ from: 'log' as const, failure })),
  ]);
  settled = true;
  if (first.from === 'log' && first.failure !== undefined) return first.failure;
  return first.from === 'sink' ? first.failure : arrived;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
