import type { RewardfulStore } from '../store';
import type { Json } from '../render';
import { newUuid, isoNow } from '../ids';
import { signBody, SIGNATURE_HEADER } from './signature';
import { delayAfterFailedAttempt, type WebhookRetry } from '../../webhookRetry';
import { WebhookReach } from '../../webhookReach';

const ATTEMPT_TIMEOUT_MS = 15_000;

/**
 * Rewardful's outgoing webhooks. The body has three root keys, `object` (the REST object), `event` and `request`
 * (https://developers.rewardful.com/webhooks/requests; the inner names `id`, `type`, `created_at`, `api_version` from
 * [3P] api-evangelist/rewardful asyncapi/rewardful-webhooks.yml). Signed with X-Rewardful-Signature (signature.ts).
 * A non-2xx answer is a failure retried with backoff ([3P], same source: "up to 3 days"; compressed here to the
 * sandbox's schedule, sandbox/webhookRetry.ts). Playing cloud (`reach`), an endpoint the internet could not reach
 * gets nothing and its attempt fails as unreachable. Every attempt is kept, as the dashboard's log shows it.
 */
export class RewardfulWebhookSender {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly store: RewardfulStore,
    private readonly retry: WebhookRetry,
    private readonly reach: WebhookReach = WebhookReach.everywhere(),
  ) {}

  /** Sends `type` about `object` to every endpoint that receives it; returns the event id. Never waits. */
  publish(type: string, object: Json): string {
    const eventId = newUuid();
    // A snapshot: later changes to the object must not alter what this message says.
    const body = JSON.stringify({
      object,
      event: { id: eventId, type, created_at: isoNow(), api_version: 'v1' },
      request: { id: newUuid() },
    });
    for (const endpoint of this.store.endpoints.values()) {
      if (!endpoint.events.includes('*') && !endpoint.events.includes(type)) continue;
      this.schedule(endpoint.id, eventId, type, body, 1, 0);
    }
    return eventId;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(endpointId: string, eventId: string, type: string, body: string, attempt: number, delayMs: number): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(endpointId, eventId, type, body, attempt);
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(endpointId: string, eventId: string, type: string, body: string, attempt: number): Promise<void> {
    const endpoint = this.store.endpoints.get(endpointId);
    if (this.closed || !endpoint) return;
    const unreachable = this.reach.unreachableReason(endpoint.url);
    const outcome = unreachable !== null ? { status: null, error: unreachable } : await post(endpoint.url, body, endpoint.secret);
    if (this.closed) return;
    this.store.attempts.push({ endpoint: endpoint.id, event_id: eventId, event_type: type, attempt, ...outcome, at: isoNow() });
    // "Any response other than 200 is a failure" ([3P] quoting https://developers.rewardful.com/webhooks/requests).
    const succeeded = outcome.status === 200;
    if (!succeeded && attempt < this.retry.maxAttempts) {
      this.schedule(endpoint.id, eventId, type, body, attempt + 1, delayAfterFailedAttempt(this.retry, attempt));
    }
  }
}

async function post(url: string, body: string, secret: string): Promise<{ status: number | null; error: string | null }> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(secret, body) },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status, error: null };
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return { status: null, error: reason };
  }
}
