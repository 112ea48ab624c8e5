import type { FaultSwitches } from '../faults';
import type { Guards } from './auth';
import type { ReferralStore } from './store';
import type { WebhookSender } from './webhooks/webhookSender';

/** What every route of the platform works with. */
export interface ReferralContext {
  store: ReferralStore;
  sender: WebhookSender;
  guards: Guards;
  faults: FaultSwitches;
  /** The platform's mode (`live` keys): the `livemode` of conversions the merchant reports through the API. */
  livemode: boolean;
}

/** Query parameters as qs parsed them (nested objects for `created[gte]`, `metadata[key]`). */
export type ParsedQuery = Record<string, unknown>;
