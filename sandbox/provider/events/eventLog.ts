import type Stripe from 'stripe';
import { snapshot } from '../core/expand';
import { newId, unixNow } from '../core/ids';
import type { ObjectStore } from '../core/store';

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

/** Writes Stripe events for state changes and passes each to its subscribed, enabled webhook endpoints. */
export class EventLog {
  constructor(
    private readonly store: ObjectStore,
    private readonly sink: EventSink,
    /** The account's default API version, read per event (a fault may change it while running). */
    private readonly apiVersion: () => string,
  ) {}

  emit<K extends EventType>(
    type: K,
    object: EventOf<K>['data']['object'],
    options: { request: RequestRef; previous?: EventOf<K>['data']['previous_attributes'] },
  ): Stripe.Event {
    const endpoints = this.store
      .all('webhook_endpoint')
      .reverse()
      .filter((endpoint) => endpoint.status === 'enabled' && (endpoint.enabled_events.includes('*') || endpoint.enabled_events.includes(type)));
    const event = {
      id: newId('evt'),
      object: 'event',
      api_version: this.apiVersion(),
      created: unixNow(),
      data: {
        object: snapshot(object),
        ...(options.previous ? { previous_attributes: snapshot(options.previous) } : {}),
      },
      livemode: this.store.livemode,
      pending_webhooks: endpoints.length,
      request: { ...options.request },
      type,
    } as unknown as EventOf<K>; // TypeScript cannot narrow the event union by a generic K; the parameters are typed per K.
    this.store.add('event', event);
    if (endpoints.length > 0) this.sink.send(event, endpoints);
    return event;
  }
}
