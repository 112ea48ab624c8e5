import { Webhook } from 'standardwebhooks';
import type { ReferralEventType, ReferralWebhookEvent } from '../../../contracts/referral';
import type { PlatformDelivery } from '../platformObjects';
import type { ReferralStore } from '../store';
import { newId } from '../ids';
import { delayAfterFailedAttempt, type WebhookRetry } from '../../webhookRetry';
import { retryAfterMs } from './retryPolicy';
import { WebhookReach } from '../../webhookReach';

const ATTEMPT_TIMEOUT_MS = 15_000;
const RESPONSE_BODY_LIMIT = 1000;

type AttemptOutcome = { status: number | null; body: string | null; error: string | null; retryAfter: string | null };

/** Why an attempt is made: an event's delivery (retried per the policy) or a ping asked for through the API (one attempt). */
type Trigger = Extract<PlatformDelivery['trigger'], 'scheduled' | 'ping'>;

/**
 * Sends the platform's outgoing webhooks: Standard Webhooks signatures, the same message id on every
 * attempt, retries per the policy, 410 disables the endpoint, Retry-After honoured on 429, every attempt
 * recorded in the delivery log. `publish` and `ping` only schedule: they never wait for a receiver. Playing cloud
 * (`reach`), an endpoint the internet could not reach gets no request: the attempt fails as unreachable and is retried
 * like any network failure.
 */
export class WebhookSender {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private closed = false;

  constructor(
    private readonly store: ReferralStore,
    private readonly retry: WebhookRetry,
    private readonly reach: WebhookReach = WebhookReach.everywhere(),
  ) {}

  publish(type: ReferralEventType, data: Record<string, unknown>): ReferralWebhookEvent {
    // A snapshot: later changes to the object (a refund) must not alter what this message says.
    const message: ReferralWebhookEvent = { id: newId('msg'), type, timestamp: new Date().toISOString(), data: structuredClone(data) };
    this.store.messages.set(message.id, message);
    for (const endpoint of this.store.endpoints.values()) {
      if (endpoint.status !== 'enabled') continue;
      if (!endpoint.enabled_events.includes('*') && !endpoint.enabled_events.includes(type)) continue;
      this.schedule(message, endpoint.id, 1, 0, 'scheduled');
    }
    return message;
  }

  /**
   * Sends a `ping` message (`data: { endpoint }`) to this endpoint only, whatever its `enabled_events`: one attempt,
   * never retried, logged with `trigger: 'ping'`. Returns the message at once; its attempt follows.
   */
  ping(endpointId: string): ReferralWebhookEvent {
    const message: ReferralWebhookEvent = {
      id: newId('msg'),
      type: 'ping',
      timestamp: new Date().toISOString(),
      data: { endpoint: endpointId },
    };
    this.store.messages.set(message.id, message);
    this.schedule(message, endpointId, 1, 0, 'ping');
    return message;
  }

  /** Cancels every pending retry and aborts attempts in flight; nothing is sent afterwards. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.inFlight) controller.abort();
    this.inFlight.clear();
  }

  private schedule(message: ReferralWebhookEvent, endpointId: string, attempt: number, delayMs: number, trigger: Trigger): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(message, endpointId, attempt, trigger);
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(message: ReferralWebhookEvent, endpointId: string, attempt: number, trigger: Trigger): Promise<void> {
    const endpoint = this.store.endpoints.get(endpointId);
    if (this.closed || !endpoint || endpoint.status !== 'enabled') return;

    const payload = JSON.stringify(message);
    const attemptedAt = new Date();
    const signature = new Webhook(endpoint.secret).sign(message.id, attemptedAt, payload);
    const started = performance.now();
    const unreachable = this.reach.unreachableReason(endpoint.url);
    const outcome =
      unreachable !== null
        ? { status: null, body: null, error: unreachable, retryAfter: null }
        : await this.post(endpoint.url, payload, {
            'content-type': 'application/json',
            'webhook-id': message.id,
            'webhook-timestamp': String(Math.floor(attemptedAt.getTime() / 1000)),
            'webhook-signature': signature,
          });
    if (this.closed) return;
    const durationMs = Math.round(performance.now() - started);

    const succeeded = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
    const gone = outcome.status === 410;
    if (gone) endpoint.status = 'disabled';
    let nextDelayMs: number | null = null;
    if (!succeeded && !gone && trigger === 'scheduled' && attempt < this.retry.maxAttempts) {
      const askedFor = outcome.status === 429 ? retryAfterMs(outcome.retryAfter) : null;
      nextDelayMs = askedFor ?? delayAfterFailedAttempt(this.retry, attempt);
    }

    const delivery: PlatformDelivery = {
      id: newId('dlv'),
      object: 'delivery',
      message_id: message.id,
      event_type: message.type,
      object_id: typeof message.data.id === 'string' ? message.data.id : null,
      endpoint: endpoint.id,
      attempt,
      trigger,
      url: endpoint.url,
      response_status: outcome.status,
      response_body: outcome.body,
      duration_ms: durationMs,
      status: succeeded ? 'success' : nextDelayMs === null ? 'failed' : 'pending',
      attempted_at: Math.floor(attemptedAt.getTime() / 1000),
      next_attempt_at: nextDelayMs === null ? null : Math.ceil((Date.now() + nextDelayMs) / 1000),
      error: outcome.error,
    };
    this.store.deliveries.push(delivery);
    if (nextDelayMs !== null) this.schedule(message, endpoint.id, attempt + 1, nextDelayMs, trigger);
  }

  private async post(url: string, payload: string, headers: Record<string, string>): Promise<AttemptOutcome> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timeout = setTimeout(() => controller.abort(new Error(`no answer within ${ATTEMPT_TIMEOUT_MS} ms`)), ATTEMPT_TIMEOUT_MS);
    try {
      const response = await fetch(url, { method: 'POST', headers, body: payload, redirect: 'manual', signal: controller.signal });
      const body = await bodyStart(response, RESPONSE_BODY_LIMIT);
      return { status: response.status, body, error: null, retryAfter: response.headers.get('retry-after') };
    } catch (error) {
      const reason = controller.signal.aborted ? controller.signal.reason : error;
      const detail = reason instanceof Error ? (reason.cause instanceof Error ? reason.cause.message : reason.message) : String(reason);
      return { status: null, body: null, error: detail, retryAfter: null };
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
  }
}

/** The first `limit` characters of a response body; the rest is never read, so an endless body cannot pile up. */
async function bodyStart(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (text.length < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel().catch(() => undefined);
  return text.slice(0, limit);
}
