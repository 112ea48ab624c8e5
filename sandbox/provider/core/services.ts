import type { FaultSwitches } from '../../faults';
import type { FaultInjector } from '../faultInjection/faultInjector';
import type { EventLog, RequestRef } from '../events/eventLog';
import type { WebhookDelivery } from '../webhooks/delivery';
import type { Params } from './params';
import type { RequestLog } from './requestLog';
import type { Kind, ObjectStore } from './store';

/** What every handler works with: the state, the event log and the provider's own address. */
export interface ProviderServices {
  store: ObjectStore;
  events: EventLog;
  delivery: WebhookDelivery;
  /** Every `/v1` request answered (sandbox-only `GET /_sandbox/requests`). */
  requests: RequestLog;
  /** The sandbox's fault switches (shared with the shop and the referral platform), read at request time. */
  faults: FaultSwitches;
  /** The sandbox-only injection plan (`/_sandbox/fault_injection`): API faults and webhook delivery faults. */
  injection: FaultInjector;
  /** `http://127.0.0.1:<port>`, known once the server listens. */
  baseUrl(): string;
  /** Sandbox-only (`stableWebhookSecrets`): the signing secret of a new endpoint at this URL; absent: a random one. */
  webhookSecretFor?(url: string): string;
}

/** One API call as a handler sees it. */
export interface ApiCall {
  params: Params;
  path: Record<string, string>;
  request: RequestRef;
  services: ProviderServices;
  /** Made with the publishable key (and the object's own `client_secret`): answer with what Stripe shows a browser. */
  publishableKey?: boolean;
  /**
   * The API version this request is answered in: its `Stripe-Version` header, else the account's default
   * (core/apiVersion.ts `requestApiVersion`). Handlers branch on it where a version changes behaviour, not only
   * shape (compare with `isBefore` in versions/versionOrder.ts); shapes are rendered after the handler
   * (versions/render.ts), so handlers always build the newest shape.
   */
  apiVersion: string;
}

/** One row of a resource's declarative table. */
export interface Endpoint {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** Accepted top-level parameters besides `expand`; anything else is `parameter_unknown`. */
  params: readonly string[];
  /**
   * Also open to the publishable key (Stripe.js's calls from a browser, CORS allowed) when the `client_secret`
   * parameter is that of the object of this kind named by the path's `:id` (`checkClientSecret` in core/auth.ts).
   */
  publishableKeyWithClientSecret?: Kind;
  handle(call: ApiCall): unknown;
}

export interface Resource {
  endpoints: Endpoint[];
  /** Fields returned only when expanded, keyed `<object>.<field>`. */
  expandable?: Record<string, (owner: Record<string, unknown>, services: ProviderServices) => unknown>;
}
