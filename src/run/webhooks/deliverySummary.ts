import type { SinkDelivery } from './webhookSink';

/** "no deliveries" or "3 other deliveries: 2 × commission.created, 1 × rejected (stale timestamp)". */
export function summarizeDeliveries(deliveries: readonly SinkDelivery[], other = true): string {
  if (deliveries.length === 0) return 'no deliveries';
  const counts = new Map<string, number>();
  for (const delivery of deliveries) {
    const label = delivery.verified
      ? (delivery.eventType ?? `untyped ${delivery.scheme} delivery`)
      : `rejected (${delivery.rejection ?? 'unverified'})`;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const parts = [...counts].map(([label, count]) => `${count} × ${label}`);
  const noun = deliveries.length === 1 ? 'delivery' : 'deliveries';
  return `${deliveries.length}${other ? ' other' : ''} ${noun}: ${parts.join(', ')}`;
}
