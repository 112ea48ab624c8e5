import type { DeliveryRecord } from './flowRecord';

/** One delivery per event, sender and endpoint: a later look at it replaces an earlier one. */
export function deliveryKey(delivery: Pick<DeliveryRecord, 'sender' | 'eventId' | 'endpoint' | 'source'>): string {
  return [delivery.sender, delivery.eventId, delivery.endpoint?.id ?? `(${delivery.source})`].join(' ');
}
