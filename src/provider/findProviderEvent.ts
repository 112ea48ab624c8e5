import type Stripe from 'stripe';
import { pollUntil, type PollResult } from '../polling/pollUntil';
import type { WakeSignal } from '../polling/wakeSignal';

/** Waits for the provider's `type` event about the object (the newest, as GET /v1/events lists them). */
export function findProviderEvent(
  provider: Stripe,
  type: string,
  objectId: string,
  timeoutMs: number,
  wakeOn?: WakeSignal<unknown>,
): Promise<PollResult<Stripe.Event>> {
  return pollUntil({
    what: `the provider event ${type} for ${objectId}`,
    where: `the provider's API (GET /v1/events?type=${type})`,
    timeoutMs,
    wakeOn,
    check: async (note) => {
      const events = await provider.events.list({ type, limit: 100 });
      note(`${events.data.length} ${type} events, none for ${objectId}`);
      return events.data.find((event) => (event.data.object as { id?: unknown }).id === objectId);
    },
  });
}
