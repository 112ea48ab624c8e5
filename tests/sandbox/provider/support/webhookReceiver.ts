import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One HTTP request received by a test webhook endpoint. */
export interface ReceivedDelivery {
  /** Order of arrival at this receiver, from 1. */
  seq: number;
  rawBody: string;
  signature: string | undefined;
  headers: IncomingHttpHeaders;
  /** The parsed body (an event envelope when the provider behaves). */
  event: { id: string; type: string; data: { object: Record<string, unknown> }; [key: string]: unknown };
  /** The status this receiver answered with. */
  answeredStatus: number;
}

export interface WebhookReceiver {
  url: string;
  readonly deliveries: ReceivedDelivery[];
  /** Resolves with the first delivery (already received or future) that matches; rejects at the deadline. */
  waitFor(description: string, predicate: (d: ReceivedDelivery) => boolean, timeoutMs?: number): Promise<ReceivedDelivery>;
  close(): Promise<void>;
}

export interface ReceiverOptions {
  /** Status to answer for the n-th delivery (from 1). Default 200. */
  respond?: (delivery: Omit<ReceivedDelivery, 'answeredStatus'>) => number;
}

interface Waiter {
  predicate: (d: ReceivedDelivery) => boolean;
  resolve: (d: ReceivedDelivery) => void;
}

/** A tiny node:http server on 127.0.0.1, port 0, that records every request it receives. */
export async function startWebhookReceiver(options: ReceiverOptions = {}): Promise<WebhookReceiver> {
  const deliveries: ReceivedDelivery[] = [];
  const waiters = new Set<Waiter>();
  let seq = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let event: ReceivedDelivery['event'];
      try {
        event = JSON.parse(rawBody) as ReceivedDelivery['event'];
      } catch {
        event = { id: '', type: '<unparseable body>', data: { object: {} } };
      }
      const sig = req.headers['stripe-signature'];
      const partial = {
        seq: ++seq,
        rawBody,
        signature: Array.isArray(sig) ? sig.join(',') : sig,
        headers: req.headers,
        event,
      };
      const answeredStatus = options.respond ? options.respond(partial) : 200;
      const delivery: ReceivedDelivery = { ...partial, answeredStatus };
      deliveries.push(delivery);
      res.writeHead(answeredStatus, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ received: answeredStatus < 300 }));
      for (const w of [...waiters]) {
        if (w.predicate(delivery)) {
          waiters.delete(w);
          w.resolve(delivery);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const url = `http://127.0.0.1:${port}/webhooks`;
  return {
    url,
    deliveries,
    waitFor(description, predicate, timeoutMs = 15_000) {
      const found = deliveries.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<ReceivedDelivery>((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          resolve: (d) => {
            clearTimeout(timer);
            resolve(d);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const seen = deliveries.map((d) => `${d.event.type}(${d.event.id})`).join(', ') || 'nothing';
          reject(new Error(`No webhook delivery matching "${description}" arrived at ${url} within ${timeoutMs} ms; received: ${seen}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
