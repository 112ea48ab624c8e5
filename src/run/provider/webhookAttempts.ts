import type { WebhookAttempt } from '../../../contracts/webhookAttempts';
import { readSandboxList } from './sandboxRoute';

/**
 * The sandbox provider's delivery log for an event and/or endpoint; undefined against real Stripe,
 * which has no such route (404).
 */
export async function readWebhookAttempts(
  options: { apiBase: string; secretKey: string },
  filter: { event?: string; endpoint?: string },
): Promise<WebhookAttempt[] | undefined> {
  return readSandboxList<WebhookAttempt>(options, 'webhook_attempts', { event: filter.event, endpoint: filter.endpoint });
}
