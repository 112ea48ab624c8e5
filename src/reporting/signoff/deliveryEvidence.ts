import { decidedByFlow } from '../../model/checklist/itemFlows';
import type { ChecklistItem, ChecklistItemId } from '../../model/checklist/types';
import type { DeliveryEvidenceSource, DeliveryRecord, FlowRecord, UnobservedDelivery } from '../../run/evidence/flowRecord';
import { redactText } from '../../base/redact';
import { latestPerEventAndEndpoint, receiverOf } from './deliveryTotals';
import { SOURCE_LABEL, sinkRoute, unobservedDeliveriesClause } from './deliveryWords';
import { plural } from './text';
import type { EvidenceLink, ItemVerdict } from './types';
import { WEBHOOK_SINK_FILE, type WebhookSinkStatus } from './webhookSinkStatus';

/** The items decided from webhook deliveries: their reason says where that evidence came from. */
export const DELIVERY_ITEMS: readonly ChecklistItemId[] = ['webhooks-delivered', 'webhook-endpoints-reachable'];

/** The item about every event reaching every endpoint: the one webhooks the harness could not see leave unproven. */
export const EVERY_EVENT_DELIVERED_ITEM: ChecklistItemId = 'webhooks-delivered';

/** The sign-off's "Webhook deliveries" section (renderDeliverySection), as an anchor. */
export const DELIVERY_SECTION_HREF = '#webhook-deliveries';

/** What one source's count is of: the referral platform's log lists messages, the provider events. */
const COUNTED: Record<Exclude<DeliveryEvidenceSource, 'harness-sink'>, [string, string]> = {
  'provider-delivery-attempts': ['event', 'events'],
  'provider-pending-webhooks': ['event', 'events'],
  'referral-delivery-log': ['message', 'messages'],
};

/**
 * The verdicts, with the reason of each delivery item (DELIVERY_ITEMS) whose flows recorded deliveries ending in where
 * that evidence came from (`deliveryEvidenceClause`), and links to the sign-off's delivery section and to
 * webhook-sink.json (when the run has one). Nothing else changes: not the status, not the other items.
 */
export function withDeliveryEvidence(
  items: ItemVerdict[],
  flows: readonly FlowRecord[],
  sink: WebhookSinkStatus | undefined,
): ItemVerdict[] {
  return items.map((verdict) => {
    if (!DELIVERY_ITEMS.includes(verdict.item.id)) return verdict;
    const clause = deliveryEvidenceClause(deliveriesOf(verdict.item, flows), sink, unobservedOf(verdict.item, flows));
    if (!clause) return verdict;
    const links: EvidenceLink[] = [
      { label: 'Webhook deliveries per endpoint', href: DELIVERY_SECTION_HREF },
      ...(sink ? [{ label: `Harness sink: ${WEBHOOK_SINK_FILE}`, href: WEBHOOK_SINK_FILE }] : []),
    ];
    return { ...verdict, reason: `${verdict.reason.replace(/\s+$/, '')} ${clause}`, evidence: [...verdict.evidence, ...links] };
  });
}

/**
 * "Evidence: the provider's delivery attempts (12 events), the referral platform's delivery log (6 messages); the
 * harness's sink was not used: <reason>." (or "…; the harness's sink received 6 signed deliveries via <url>."), and
 * what could not be seen: "…; not observable: the referral platform's delivery of 3 messages (…) …, because <the
 * platform's limit>; not counted as delivered." (a platform whose API shows no deliveries: Rewardful, Dub).
 * Undefined when there is no delivery record: an older run, or the item's flows looked at none.
 */
export function deliveryEvidenceClause(
  records: readonly DeliveryRecord[],
  sink: WebhookSinkStatus | undefined,
  unobserved: readonly UnobservedDelivery[] = [],
): string | undefined {
  if (records.length === 0 && unobserved.length === 0) return undefined;
  const latest = latestPerEventAndEndpoint(records);
  const logs = (Object.keys(COUNTED) as Array<keyof typeof COUNTED>).flatMap((source) => {
    const events = new Set(latest.filter((record) => record.source === source).map((record) => record.eventId)).size;
    return events > 0 ? [`${SOURCE_LABEL[source]} (${plural(events, ...COUNTED[source])})`] : [];
  });
  const sinkClause = sinkEvidence(
    latest.filter((record) => receiverOf(record) === 'harness-sink'),
    sink,
  );
  const parts = [logs.join(', '), sinkClause, unobservedDeliveriesClause(unobserved)].filter((part) => part !== '');
  return redactText(`Evidence: ${parts.join('; ')}.`);
}

/** What the sink added to the evidence, or why it added nothing; '' when the run says nothing of it. */
function sinkEvidence(atSink: DeliveryRecord[], sink: WebhookSinkStatus | undefined): string {
  const received = atSink.filter((record) => record.outcome === 'delivered').length;
  const counted =
    received === atSink.length
      ? plural(received, 'signed delivery', 'signed deliveries')
      : `${received} of the ${plural(atSink.length, 'signed delivery', 'signed deliveries')} the tests waited for`;
  if (sink && !sink.reachable)
    return `the harness's sink was not used: ${(sink.reason ?? 'the senders could not reach it').replace(/[.\s]+$/, '')}`;
  if (!sink && atSink.length === 0) return '';
  return `the harness's sink received ${counted}${sink ? sinkRoute(sink) : ''}`;
}

/** The delivery records of the flows that decide the item (named by it, or with a step tagged with it). */
function deliveriesOf(item: ChecklistItem, flows: readonly FlowRecord[]): DeliveryRecord[] {
  return flows
    .filter((record) => decidedByFlow(item, record.flow) || record.steps.some((step) => step.checklist.includes(item.id)))
    .flatMap((record) => record.deliveries ?? []);
}

/** The webhooks the item's flows could not see delivered (no delivery log at the platform), one per type and object. */
export function unobservedOf(item: ChecklistItem, flows: readonly FlowRecord[]): UnobservedDelivery[] {
  const seen = new Map<string, UnobservedDelivery>();
  for (const record of flows) {
    if (!(decidedByFlow(item, record.flow) || record.steps.some((step) => step.checklist.includes(item.id)))) continue;
    for (const delivery of record.unobservedDeliveries ?? []) seen.set(`${delivery.eventType} ${delivery.objectId ?? ''}`, delivery);
  }
  return [...seen.values()];
}
