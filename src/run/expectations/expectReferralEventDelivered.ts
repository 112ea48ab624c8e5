import { momentAtUnixSeconds } from '../evidence/timeline';
import type { DeliveryAttemptRecord, DeliveryRecord } from '../evidence/flowRecord';
import { pollUntil } from '../polling/pollUntil';
import type { ReferralPlatform } from '../../model/target/referralPlatform';
import type { ReferralDelivery, ReferralWebhookEndpoint } from '../../../contracts/referral';
import { hasDeliveryLog, listsEndpoints, platformLabel, platformLimit, type WithDeliveryLog } from '../referral/platformLimits';
import { describeAttempts, clock } from '../webhooks/describeAttempts';
import { endpointReceives, isHarnessEndpoint } from '../webhooks/harnessEndpoint';
import type { SinkDelivery, WebhookSink } from '../webhooks/webhookSink';
import type { ExpectationContext } from './expectationContext';
import { expectSinkReceived } from './expectSinkReceived';
import { wakeOnReferralEvents } from './wakeOnEvents';

export interface ReferralEventDelivered {
  /** The platform's message per merchant endpoint that received it (its delivery log's `message_id`). */
  messages: string[];
  /** What the harness's sink received, when the run has a sink the platform can reach. */
  sinkDelivery?: SinkDelivery;
}

/**
 * The referral platform delivered its `type` message about the object to each of the merchant's own enabled webhook
 * endpoints that subscribe to it, as its delivery log shows (`GET /v1/deliveries`): a 2xx attempt each. A delivery
 * that failed and is being retried is waited for; one the platform gave up on (status `failed`, no next attempt)
 * fails at once, named with its attempts. Messages in `besides` (already checked: an earlier commission.refunded of
 * the same commission) are not this one. With a `webhookSink` (the platform can reach it), the sink must also receive
 * it with a valid signature. Each endpoint's attempts are recorded (evidence.delivery) for the sign-off's rates. A
 * platform whose API lists no endpoints or no deliveries (`limits`): nothing is decided for the merchant's endpoints,
 * an attachment and the flow record say why (the sink, when there is one, is still checked).
 */
export async function expectReferralEventDelivered(
  context: { referral: ReferralPlatform; webhookSink?: WebhookSink },
  expected: { type: string; objectId: string; besides?: readonly string[] },
  within: ExpectationContext,
): Promise<ReferralEventDelivered> {
  const { referral, webhookSink } = context;
  if (!listsEndpoints(referral) || !hasDeliveryLog(referral)) {
    const unobservable =
      platformLimit(referral, 'webhookEndpoints', ['listWebhookEndpoints']) ??
      platformLimit(referral, 'deliveryLog') ??
      `${platformLabel(referral)} shows no deliveries`;
    await noteUnobservable(expected, unobservable, within);
    return webhookSink ? { messages: [], sinkDelivery: await sinkReceived(webhookSink, expected, within) } : { messages: [] };
  }
  const endpoints = (await referral.listWebhookEndpoints({ limit: 100 })).data.filter(
    (endpoint) => endpoint.status === 'enabled' && !isHarnessEndpoint(endpoint) && endpointReceives(endpoint, expected.type),
  );
  await within.evidence.attachJson(`${expected.type} for ${expected.objectId}: the merchant's endpoints that receive it`, {
    endpoints: endpoints.map(({ id, url, enabled_events }) => ({ id, url, enabled_events })),
    ...(endpoints.length === 0
      ? { note: `no merchant endpoint at the referral platform receives ${expected.type}: nothing to deliver to` }
      : {}),
  });
  const messages = await Promise.all(endpoints.map((endpoint) => deliveredTo(referral, endpoint, expected, within)));
  if (!webhookSink) return { messages };
  return { messages, sinkDelivery: await sinkReceived(webhookSink, expected, within) };
}

/** The sink received it, signed; recorded for the sign-off's rates (the sink is never a merchant endpoint). */
async function sinkReceived(
  webhookSink: WebhookSink,
  expected: { type: string; objectId: string; besides?: readonly string[] },
  within: ExpectationContext,
): Promise<SinkDelivery> {
  const sinkDelivery = await expectSinkReceived(webhookSink, expected, within);
  within.evidence.delivery?.({
    source: 'harness-sink',
    sender: 'referral-platform',
    eventType: expected.type,
    eventId: sinkDelivery.eventId ?? sinkDelivery.id,
    objectId: expected.objectId,
    endpoint: { id: 'harness-sink', url: webhookSink.url },
    attempts: [{ at: sinkDelivery.receivedAt, status: sinkDelivery.responseStatus, succeeded: true }],
    outcome: 'delivered',
    observedAt: Date.now(),
  });
  return sinkDelivery;
}

/**
 * The platform's API shows neither the merchant's endpoints nor its deliveries: nothing is decided for them (never
 * a pass, never a failure). The attachment and the flow record say why; the sign-off names it as not observable.
 */
async function noteUnobservable(expected: { type: string; objectId: string }, reason: string, within: ExpectationContext): Promise<void> {
  await within.evidence.attachJson(`${expected.type} for ${expected.objectId}: delivery to the merchant's endpoints not observable`, {
    decided: false,
    reason,
    note: "the harness cannot see whether the merchant's endpoints received it: read the platform's webhook log in its dashboard",
  });
  within.evidence.unobservedDelivery?.({ sender: 'referral-platform', eventType: expected.type, objectId: expected.objectId, reason });
}

interface MessageView {
  messageId: string;
  attempts: DeliveryAttemptRecord[];
  outcome: DeliveryRecord['outcome'];
  nextAttemptAt: number | null;
}

async function deliveredTo(
  referral: WithDeliveryLog,
  endpoint: ReferralWebhookEndpoint,
  expected: { type: string; objectId: string; besides?: readonly string[] },
  within: ExpectationContext,
): Promise<string> {
  const { type, objectId } = expected;
  let last: MessageView | undefined;
  const record = (view: MessageView): void => {
    within.evidence.delivery?.({
      source: 'referral-delivery-log',
      sender: 'referral-platform',
      eventType: type,
      eventId: view.messageId,
      objectId,
      endpoint: { id: endpoint.id, url: endpoint.url },
      attempts: view.attempts,
      outcome: view.outcome,
      observedAt: Date.now(),
    });
  };
  try {
    const { value } = await pollUntil({
      what: `${type} for ${objectId} delivered to the merchant's endpoint ${endpoint.url}`,
      where: `the referral platform's delivery log (GET /v1/deliveries?endpoint=${endpoint.id}&object_id=${objectId})`,
      timeoutMs: within.timeoutMs,
      wakeOn: wakeOnReferralEvents(within, type),
      check: async (note) => {
        const log = await referral.listDeliveries({ endpoint: endpoint.id, object_id: objectId, event_type: type, limit: 100 });
        const view = newestMessage(
          log.data.filter((entry) => matches(entry, endpoint.id, type, objectId)),
          expected.besides ?? [],
        );
        last = view;
        if (!view) {
          note('no delivery of it in the log yet');
          return undefined;
        }
        const next = view.nextAttemptAt === null ? '' : `; next attempt at ${clock(view.nextAttemptAt * 1000)}`;
        note(`${describeAttempts(view.attempts)}${next}`);
        return view.outcome === 'retrying' ? undefined : view;
      },
    });
    record(value);
    await within.evidence.attachJson(`${type} for ${objectId}: delivery log for ${endpoint.url}`, value);
    if (value.outcome === 'failed') {
      throw new Error(
        `${type} for ${objectId} did not reach the merchant's endpoint ${endpoint.url}: ${describeAttempts(value.attempts)}; ` +
          "the referral platform gave up (its delivery log shows it failed): fix the endpoint, then redeliver from the platform's dashboard.",
      );
    }
    markDelivered(within, type, objectId, endpoint.url, value);
    return value.messageId;
  } catch (error) {
    if (last && last.outcome !== 'delivered') record({ ...last, outcome: 'failed' });
    throw error;
  }
}

function matches(entry: ReferralDelivery, endpointId: string, type: string, objectId: string): boolean {
  // A platform that ignores a filter it does not know must not hand another object's deliveries over as this one's.
  return entry.endpoint === endpointId && entry.event_type === type && (entry.object_id === undefined || entry.object_id === objectId);
}

/** The newest message among `entries` that is not in `besides`, with its attempts in order and how it stands. */
function newestMessage(entries: ReferralDelivery[], besides: readonly string[]): MessageView | undefined {
  const byMessage = new Map<string, ReferralDelivery[]>();
  for (const entry of entries) {
    if (besides.includes(entry.message_id)) continue;
    byMessage.set(entry.message_id, [...(byMessage.get(entry.message_id) ?? []), entry]);
  }
  const newest = [...byMessage.values()]
    .map((attempts) => attempts.sort((a, b) => a.attempt - b.attempt))
    .sort((a, b) => b[0]!.attempted_at - a[0]!.attempted_at)[0];
  if (!newest) return undefined;
  const lastAttempt = newest.at(-1)!;
  const succeeded = newest.some((entry) => entry.status === 'success');
  return {
    messageId: lastAttempt.message_id,
    attempts: newest.map((entry) => ({
      at: entry.attempted_at * 1000,
      status: entry.response_status,
      ...(entry.error ? { error: entry.error } : {}),
      succeeded: entry.status === 'success',
    })),
    outcome: succeeded ? 'delivered' : lastAttempt.status === 'failed' ? 'failed' : 'retrying',
    nextAttemptAt: succeeded ? null : lastAttempt.next_attempt_at,
  };
}

function markDelivered(within: ExpectationContext, type: string, objectId: string, url: string, view: MessageView): void {
  const delivered = view.attempts.find((attempt) => attempt.succeeded);
  if (!delivered || !within.evidence.timeline) return;
  const retry = view.attempts.indexOf(delivered) > 0 ? ` (attempt ${view.attempts.indexOf(delivered) + 1})` : '';
  within.evidence.timeline(momentAtUnixSeconds('webhook', `${type} delivered to ${url}${retry}`, delivered.at / 1000, objectId));
}
