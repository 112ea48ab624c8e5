import { wakeWhen, type WakeSignal } from '../polling/wakeSignal';
import type { SinkDelivery } from '../webhooks/webhookSink';
import type { ExpectationContext } from './expectationContext';

/** The sink's deliveries of the referral platform's events of these types (a type ending in "." matches its family). */
export function wakeOnReferralEvents(
  context: Pick<ExpectationContext, 'arrivals'>,
  ...types: string[]
): WakeSignal<SinkDelivery> | undefined {
  return wakeWhen(context.arrivals, (delivery) => delivery.scheme === 'standard-webhooks' && isOneOf(delivery.eventType, types));
}

/** The sink's deliveries of the provider's events of these types (where the provider can reach the sink). */
export function wakeOnProviderEvents(
  context: Pick<ExpectationContext, 'arrivals'>,
  ...types: string[]
): WakeSignal<SinkDelivery> | undefined {
  return wakeWhen(context.arrivals, (delivery) => delivery.scheme === 'stripe' && isOneOf(delivery.eventType, types));
}

function isOneOf(eventType: string | undefined, types: string[]): boolean {
  if (!eventType) return false;
  return types.some((type) => (type.endsWith('.') ? eventType.startsWith(type) : eventType === type));
}
