import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { EvidenceMissingError, type PollAttempt } from '../polling/evidenceMissingError';
import { logObservation } from '../polling/observationLog';
import { createWakeSignal, type WakeSignal } from '../polling/wakeSignal';
import { summarizeDeliveries } from './deliverySummary';
import { checkStandardWebhooksSignature, checkStripeSignature, type SignatureCheck } from './signatureCheck';

export interface SinkDelivery {
  /** The sink's own id for this request ("rcv_1", "rcv_2", …). */
  id: string;
  receivedAt: number;
  scheme: 'standard-webhooks' | 'stripe' | 'unsigned';
  verified: boolean;
  rejection?: string;
  /** Stripe event id (evt_…) or Standard Webhooks message id (msg_…). */
  eventId?: string;
  eventType?: string;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  payload: unknown;
  responseStatus: number;
  /** The request headers as received (lower-case names). */
  headers: Record<string, string>;
}

export interface WebhookSink {
  /** http://127.0.0.1:<port>/webhooks */
  url: string;
  /** Trust a referral platform endpoint secret (Standard Webhooks, whsec_<base64>). */
  trustStandardWebhooksSecret(secret: string): void;
  /** Trust a provider endpoint secret (Stripe-Signature, whsec_…). */
  trustStripeSecret(secret: string): void;
  /** Fires on every verified delivery as it arrives: waits that poll an API re-check at once (push-first). */
  arrivals: WakeSignal<SinkDelivery>;
  /** Every request received, verified or not, in arrival order; duplicates included. */
  deliveries(): SinkDelivery[];
  /** Verified deliveries only; resolves the moment a matching one arrives (or already has). */
  waitForDelivery(match: (delivery: SinkDelivery) => boolean, options: { what: string; timeoutMs: number }): Promise<SinkDelivery>;
  close(): Promise<void>;
}

interface Waiter {
  consider(delivery: SinkDelivery): void;
  abandon(reason: Error): void;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);
const WEBHOOK_PATH = '/webhooks';

/** Starts an HTTP receiver on loopback that verifies every signature and records every delivery. */
export async function startWebhookSink(options: { host?: string; port?: number } = {}): Promise<WebhookSink> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new Error(`The webhook sink listens on loopback only (127.0.0.1), not on ${host}.`);
  }
  const standardWebhooks: Webhook[] = [];
  const stripeSecrets: string[] = [];
  const received: SinkDelivery[] = [];
  const waiters = new Set<Waiter>();
  const arrivals = createWakeSignal<SinkDelivery>();

  const app = Fastify({ logger: false, bodyLimit: 5 * 1024 * 1024 });
  // Signatures cover the exact bytes sent, so every body is kept raw.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post(WEBHOOK_PATH, async (request, reply) => {
    const rawBody = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
    const headers = flattenHeaders(request.headers);
    const payload = parseBody(rawBody);
    let scheme: SinkDelivery['scheme'];
    let check: SignatureCheck;
    if (headers['stripe-signature']) {
      scheme = 'stripe';
      check = checkStripeSignature(rawBody, headers['stripe-signature'], stripeSecrets);
    } else if (headers['webhook-signature'] || headers['webhook-id'] || headers['webhook-timestamp']) {
      scheme = 'standard-webhooks';
      check = checkStandardWebhooksSignature(rawBody, headers, standardWebhooks);
    } else {
      scheme = 'unsigned';
      check = { verified: false, rejection: 'unsigned request' };
    }
    const delivery: SinkDelivery = {
      id: `rcv_${received.length + 1}`,
      receivedAt: Date.now(),
      scheme,
      verified: check.verified,
      ...(check.rejection ? { rejection: check.rejection } : {}),
      ...eventIdentity(payload, scheme === 'standard-webhooks' ? headers['webhook-id'] : undefined),
      payload,
      responseStatus: check.verified ? 204 : 400,
      headers,
    };
    received.push(delivery);
    for (const waiter of [...waiters]) waiter.consider(delivery);
    if (delivery.verified) arrivals.fire(delivery);
    if (check.verified) return reply.code(204).send();
    return reply.code(400).type('text/plain; charset=utf-8').send(`Rejected: ${check.rejection}.`);
  });

  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}${WEBHOOK_PATH}`;
  const where = `the harness's webhook sink (${url})`;

  return {
    url,
    trustStandardWebhooksSecret(secret) {
      standardWebhooks.push(new Webhook(secret));
    },
    trustStripeSecret(secret) {
      if (!secret.startsWith('whsec_')) throw new Error('A Stripe webhook secret starts with whsec_.');
      stripeSecrets.push(secret);
    },
    arrivals: { subscribe: (listener) => arrivals.subscribe(listener) },
    deliveries: () => [...received],
    waitForDelivery(match, { what, timeoutMs }) {
      const startedAt = Date.now();
      const attempts: PollAttempt[] = [];
      const record = (seen: string): void => {
        const at = Date.now();
        attempts.push({ at, elapsedMs: at - startedAt, seen });
      };
      const matches = (delivery: SinkDelivery): boolean => {
        if (!delivery.verified) return false;
        try {
          return match(delivery);
        } catch (error) {
          record(`error: ${error instanceof Error ? error.message : String(error)} (on ${delivery.id})`);
          return false;
        }
      };
      const observed = (passed: boolean, releasedBy: 'first-check' | 'push' | 'timeout'): void =>
        logObservation({ what, startedAt, endedAt: Date.now(), passed, checks: attempts.length + 1, releasedBy });
      const already = received.find(matches);
      if (already) {
        observed(true, 'first-check');
        return Promise.resolve(already);
      }
      record(summarizeDeliveries(received));

      return new Promise<SinkDelivery>((resolve, reject) => {
        const finish = (): void => {
          clearTimeout(timer);
          waiters.delete(waiter);
        };
        const waiter: Waiter = {
          consider(delivery) {
            if (matches(delivery)) {
              finish();
              observed(true, 'push');
              resolve(delivery);
            } else {
              record(summarizeDeliveries(received));
            }
          },
          abandon(reason) {
            finish();
            reject(reason);
          },
        };
        const timer = setTimeout(() => {
          finish();
          record(summarizeDeliveries(received));
          observed(false, 'timeout');
          reject(new EvidenceMissingError({ what, where, waitedMs: Date.now() - startedAt, attempts }));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async close() {
      for (const waiter of [...waiters]) {
        waiter.abandon(new Error(`The webhook sink (${url}) was closed while a test was still waiting for a delivery.`));
      }
      await app.close();
    },
  };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function parseBody(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    return rawBody;
  }
}

function eventIdentity(payload: unknown, headerId: string | undefined): { eventId?: string; eventType?: string } {
  const body = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  const eventId = typeof body.id === 'string' ? body.id : headerId;
  const eventType = typeof body.type === 'string' ? body.type : undefined;
  return { ...(eventId ? { eventId } : {}), ...(eventType ? { eventType } : {}) };
}
