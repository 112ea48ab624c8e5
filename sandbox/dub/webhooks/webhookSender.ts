import type { DubStore } from '../store';
import type { DubWebhookEndpoint } from '../objects';
import { nanoid } from '../ids';
import { dubSignature } from './signature';
import type { DubWebhookEvent, DubWebhookPayload } from './events';
import { delayAfterFailedAttempt, type WebhookRetry } from '../../webhookRetry';
import { WebhookReach } from '../../webhookReach';

const ATTEMPT_TIMEOUT_MS = 15_000;
/** Dub disables an endpoint after 20 consecutive failures (https://dub.co/docs/webhooks/introduction; SRC lib/webhook/failure.ts). */
const DISABLE_AFTER_FAILURES = 20;

/**
 * Sends Dub's webhooks to the endpoints registered for the event: `Dub-Signature` over the exact body, any non-2xx
 * retried with back-off (Dub: 12 s, 2 m 28 s, 30 m 8 s, 6 h 7 m 6 s, then daily, via QStash; compressed here to the
 * sandbox's schedule), every attempt kept as the dashboard's "Webhook Logs" would. Playing cloud (`reach`), an
 * endpoint the internet could not reach gets nothing and the attempt fails as unreachable.
 */
export class DubWebhookSender {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly store: DubStore,
    private readonly retry: WebhookRetry,
    private readonly reach: WebhookReach = WebhookReach.everywhere(),
  ) {}

  publish(event: DubWebhookEvent, data: Record<string, unknown>): DubWebhookPayload {
    const payload: DubWebhookPayload = { id: `evt_${nanoid(25)}`, event, createdAt: new Date().toISOString(), data: structuredClone(data) };
    for (const endpoint of this.store.webhooks.values()) {
      if (endpoint.disabledAt !== null || !endpoint.triggers.includes(event)) continue;
      this.schedule(payload, endpoint, 1, 0);
    }
    return payload;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(payload: DubWebhookPayload, endpoint: DubWebhookEndpoint, attempt: number, delayMs: number): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(payload, endpoint, attempt);
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(payload: DubWebhookPayload, endpoint: DubWebhookEndpoint, attempt: number): Promise<void> {
    if (this.closed || endpoint.disabledAt !== null) return;
    // The body is JSON.stringify(payload) and the signature covers exactly it (SRC lib/webhook/qstash.ts).
    const body = JSON.stringify(payload);
    const unreachable = this.reach.unreachableReason(endpoint.url);
    const outcome = unreachable !== null ? { status: null, error: unreachable } : await this.post(endpoint.url, body, endpoint.secret);
    if (this.closed) return;
    const succeeded = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
    endpoint.consecutiveFailures = succeeded ? 0 : endpoint.consecutiveFailures + 1;
    if (endpoint.consecutiveFailures >= DISABLE_AFTER_FAILURES) endpoint.disabledAt = new Date().toISOString();
    const nextDelayMs = !succeeded && attempt < this.retry.maxAttempts ? delayAfterFailedAttempt(this.retry, attempt) : null;
    this.store.attempts.push({
      webhookId: endpoint.id,
      url: endpoint.url,
      event: payload.event,
      eventId: payload.id,
      attempt,
      httpStatus: outcome.status,
      error: outcome.error,
      timestamp: new Date().toISOString(),
      nextAttemptAt: nextDelayMs === null ? null : new Date(Date.now() + nextDelayMs).toISOString(),
    });
    if (nextDelayMs !== null) this.schedule(payload, endpoint, attempt + 1, nextDelayMs);
  }

  private async post(url: string, body: string, secret: string): Promise<{ status: number | null; error: string | null }> {
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), ATTEMPT_TIMEOUT_MS);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'Dub-Signature': dubSignature(secret, body) },
        body,
        redirect: 'manual',
        signal: controller.signal,
      });
      await response.body?.cancel().catch(() => undefined);
      return { status: response.status, error: null };
    } catch (error) {
      const detail = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      return { status: null, error: detail };
    } finally {
      clearTimeout(timeout);
    }
  }
}
