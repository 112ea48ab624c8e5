import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SlidingWindowLimiter } from './slidingWindowLimiter';

/** What a worker asks for: one slot of limiter `id`'s budget (`budget` calls in any `windowMs`). */
export interface BudgetRequest {
  /** `zone:limitName:keyhash`, as RateBudgets builds it: no key, only a short hash of it. */
  id: string;
  budget: number;
  windowMs: number;
}

/** A slot: when the call may start (epoch ms) and how long it waited for the budget. */
export interface BudgetSlot {
  at: number;
  waitedMs: number;
}

const MAX_BODY_BYTES = 4_096;

/**
 * One rate budget for every worker process of a Playwright run: a SlidingWindowLimiter per limiter id behind
 * `POST /take` on 127.0.0.1, which answers once the id's budget allows one more call. The first request for an id sets
 * its budget and window (every worker of a run reads the same settings).
 * node:http, not Fastify: one route with a small JSON body needs no framework in Playwright's main process.
 */
export class BudgetServer {
  private readonly limiters = new Map<string, SlidingWindowLimiter>();
  private readonly stopping = new AbortController();
  private readonly server = createServer((request, response) => void this.answer(request, response));
  private waitingRequests = 0;

  /** Requests being answered now: waiting for a slot, or about to get one. */
  get waiting(): number {
    return this.waitingRequests;
  }

  /** Listens on 127.0.0.1 at a free port; resolves the server's URL (`http://127.0.0.1:<port>`). */
  start(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ host: '127.0.0.1', port: 0 }, () => {
        this.server.off('error', reject);
        resolve(`http://127.0.0.1:${(this.server.address() as AddressInfo).port}`);
      });
    });
  }

  /** Stops listening and ends every request, waiting ones included (their connections close). */
  async stop(): Promise<void> {
    this.stopping.abort();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST' || request.url !== '/take') return reply(response, 404, { error: 'Only POST /take is served here.' });
    let asked: BudgetRequest;
    try {
      asked = parseBudgetRequest(await readBody(request));
    } catch (error) {
      return reply(response, 400, { error: (error as Error).message });
    }
    let limiter = this.limiters.get(asked.id);
    if (!limiter) this.limiters.set(asked.id, (limiter = new SlidingWindowLimiter({ budget: asked.budget, windowMs: asked.windowMs })));
    this.waitingRequests++;
    try {
      const slot: BudgetSlot = await limiter.take(this.stopping.signal);
      reply(response, 200, slot);
    } catch {
      reply(response, 503, { error: 'The budget server is stopping.' });
    } finally {
      this.waitingRequests--;
    }
  }
}

function reply(response: ServerResponse, status: number, body: object): void {
  // A connection closed by stop() (or by the worker) has no one left to answer.
  if (response.destroyed || response.writableEnded) return;
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error(`The body is over ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `{ id, budget, windowMs }`: a non-empty id, a budget of at least 1 and a positive window; else a one-line error. */
export function parseBudgetRequest(text: string): BudgetRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('The body must be JSON like {"id":"provider:provider:abc","budget":12,"windowMs":1000}.');
  }
  const { id, budget, windowMs } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') throw new Error('"id" must be a non-empty string.');
  if (typeof budget !== 'number' || !Number.isFinite(budget) || budget < 1) throw new Error('"budget" must be a number of at least 1.');
  if (typeof windowMs !== 'number' || !Number.isFinite(windowMs) || windowMs <= 0) throw new Error('"windowMs" must be a positive number.');
  return { id, budget, windowMs };
}
