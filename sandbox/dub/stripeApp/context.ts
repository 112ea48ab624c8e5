import type Stripe from 'stripe';
import type { FaultSwitches } from '../../faults';
import type { DubStore } from '../store';
import type { DubWebhookSender } from '../webhooks/webhookSender';

/** What the Stripe app's handlers work with: the workspace, its webhooks, and the provider (to read what an event leaves out). */
export interface StripeAppContext {
  store: DubStore;
  sender: DubWebhookSender;
  stripe: Stripe;
  faults: FaultSwitches;
}

/** The id of an expandable Stripe field. */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}
