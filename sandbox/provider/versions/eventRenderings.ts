import type Stripe from 'stripe';

/** An event's `data` as written for one API version. */
export type EventData = Stripe.Event['data'];

/**
 * Each stored event's `data` rendered, when it was written, in the versions its webhook endpoints receive it in
 * (keyed by the stored event object, so it goes when the event does). The stored event itself is in the account's
 * default version at creation and never changes; the events API returns it as stored.
 */
const renderings = new WeakMap<Stripe.Event, Map<string, EventData>>();

export function recordEventRendering(event: Stripe.Event, version: string, data: EventData): void {
  const byVersion = renderings.get(event) ?? new Map<string, EventData>();
  byVersion.set(version, data);
  renderings.set(event, byVersion);
}

/** The event's `data` as written for `version`, if it was rendered for it. */
export function eventRendering(event: Stripe.Event, version: string): EventData | undefined {
  return renderings.get(event)?.get(version);
}
