import type Stripe from 'stripe';
import { pollUntil, type PollResult } from '../polling/pollUntil';
import type { WakeSignal } from '../polling/wakeSignal';

/** Which of an object's events: one whose object shows `description` (e.g. "cancel_at_period_end true"). */
export interface EventObjectFilter {
  description: string;
  test(object: Record<string, unknown>): boolean;
}

/**
 * Waits for the provider's `type` event about the object (the newest, as GET /v1/events lists them), or the newest
 * whose object passes `showing` (an object with several events of one type, e.g. customer.subscription.updated).
 */
export function findProviderEvent(
  provider: Stripe,
  type: string,
  objectId: string,
  timeoutMs: number,
  wakeOn?: WakeSignal<unknown>,
  showing?: EventObjectFilter,
): Promise<PollResult<Stripe.Event>> {
  return pollUntil({
    what: `the provider event ${type} for ${objectId}${showing ? ` showing ${showing.description}` : ''}`,
    where: `the provider's API (GET /v1/events?type=${type})`,
    timeoutMs,
    wakeOn,
    check: async (note) => {
      const events = await provider.events.list({ type, limit: 100 });
      note(`${events.data.length} ${type} events, none for ${objectId}`);
      return events.data.find((event) => {
        const object = event.data.object as unknown as Record<string, unknown>;
        return object.id === objectId && (!showing || showing.test(object));
      });
    },
  });
}
