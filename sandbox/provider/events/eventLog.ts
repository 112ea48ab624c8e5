import type Stripe from 'stripe';
import { snapshot } from '../core/expand';
import { newId, unixNow } from '../core/ids';
import type { ObjectStore } from '../core/store';
import { recordEventRendering, type EventData } from '../versions/eventRenderings';
import { renderInVersion, renderPreviousAttributes } from '../versions/render';

export type EventType = Stripe.Event.Type;
type EventOf<K extends EventType> = Extract<Stripe.Event, { type: K }>;

/** Which API request caused an event; `null` ids for changes made outside the API (the hosted page). */
export interface RequestRef {
  id: string | null;
  idempotency_key: string | null;
}
export const NO_REQUEST: RequestRef = { id: null, idempotency_key: null };

/** Hands a new event to whatever delivers it to webhook endpoints. */
export interface EventSink {
  send(event: Stripe.Event, endpoints: Stripe.WebhookEndpoint[]): void;
}

/**
 * Writes Stripe events for state changes and passes each to its subscribed, enabled webhook endpoints. An event is
 * written in the account's default API version at its creation and stays so: the events API returns it as written,
 * whatever the request's `Stripe-Version` ("Each event data is rendered according to Stripe API version at its
 * creation time, specified in event object api_version attribute (not according to your current Stripe API version
 * or Stripe-Version header)", Stripe's OpenAPI description of GET /v1/events). Each endpoint receives it rendered in
 * its own `api_version` (webhooks/delivery.ts).
 */
export class EventLog {
  constructor(
    private readonly store: ObjectStore,
    private readonly sink: EventSink,
    /** The account's default API version, read per event (a fault may change it while running). */
    private readonly apiVersion: () => string,
  ) {}

  /** The account's default API version now: what a request without `Stripe-Version` is answered in, and events are written in. */
  accountApiVersion(): string {
    return this.apiVersion();
  }

  emit<K extends EventType>(
    type: K,
    object: EventOf<K>['data']['object'],
    options: { request: RequestRef; previous?: EventOf<K>['data']['previous_attributes'] },
  ): Stripe.Event {
    const endpoints = this.store
      .all('webhook_endpoint')
      .reverse()
      .filter(
        (endpoint) => endpoint.status === 'enabled' && (endpoint.enabled_events.includes('*') || endpoint.enabled_events.includes(type)),
      );
    // The object as it is now, in the newest shape; the event is written in the account's default version, and
    // rendered at once in each version an endpoint receives it in (so later changes never leak into a delivery).
    const newest = snapshot(object);
    const objectType = String((newest as { object?: unknown }).object);
    const dataIn = (version: string): EventData =>
      ({
        object: renderInVersion(newest, version, this.store),
        ...(options.previous ? { previous_attributes: renderPreviousAttributes(options.previous, objectType, version) } : {}),
      }) as EventData;
    const accountVersion = this.apiVersion();
    const event = {
      id: newId('evt'),
      object: 'event',
      api_version: accountVersion,
      created: unixNow(),
      data: dataIn(accountVersion),
      livemode: this.store.livemode,
      pending_webhooks: endpoints.length,
      request: { ...options.request },
      type,
    } as unknown as EventOf<K>; // TypeScript cannot narrow the event union by a generic K; the parameters are typed per K.
    this.store.add('event', event);
    for (const version of new Set(endpoints.map((endpoint) => endpoint.api_version ?? accountVersion))) {
      recordEventRendering(event, version, version === accountVersion ? event.data : dataIn(version));
    }
    if (endpoints.length > 0) this.sink.send(event, endpoints);
    return event;
  }
}
