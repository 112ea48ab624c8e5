import type { FaultSwitches } from '../faults';
import type { DubGuards } from './auth';
import type { DubSettings } from './settings';
import type { DubStore } from './store';
import type { DubWebhookSender } from './webhooks/webhookSender';

/** What every route of the emulated Dub API works with. */
export interface DubContext {
  store: DubStore;
  sender: DubWebhookSender;
  guards: DubGuards;
  settings: DubSettings;
  faults: FaultSwitches;
}

/** Query parameters as Fastify parsed them. */
export type Query = Record<string, string | undefined>;
