import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request that reached the proxy. */
export interface ProxiedRequest {
  /** From 1, in arrival order. */
  index: number;
  method: string;
  path: string;
  idempotencyKey: string | undefined;
}

/** What happens to a request: forwarded or not, and what the client gets instead of the upstream's answer. */
export interface Spoil {
  /** Whether the upstream sees the request (default true: it runs there, only the answer is spoiled). */
  forward?: boolean;
  /** 'drop': the socket is destroyed with no answer; otherwise this answer replaces the upstream's. */
  answer: 'drop' | { status: number; headers?: Record<string, string>; body?: unknown };
}

export interface FlakyProxy {
  url: string;
  readonly requests: ProxiedRequest[];
  close(): Promise<void>;
}

/**
 * An HTTP proxy on 127.0.0.1 (port 0) in front of a real server, that spoils the answers `spoil` picks: a lost
 * answer after the work was done, or an error the upstream never saw. Anything else passes through unchanged.
 */
export async function startFlakyProxy(upstream: string, spoil: (request: ProxiedRequest) => Spoil | undefined): Promise<FlakyProxy> {
  const requests: ProxiedRequest[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const key = req.headers['idempotency-key'];
      const request: ProxiedRequest = {
        index: requests.length + 1,
        method: req.method ?? 'GET',
        path: (req.url ?? '/').split('?')[0] ?? '/',
        idempotencyKey: Array.isArray(key) ? key[0] : key,
      };
      requests.push(request);
      const spoiled = spoil(request);
      const answer = spoiled?.forward === false ? undefined : await forward(upstream, req, body);
      if (spoiled?.answer === 'drop') {
        req.socket.destroy();
      } else if (spoiled) {
        res.writeHead(spoiled.answer.status, { 'content-type': 'application/json', ...spoiled.answer.headers });
        res.end(spoiled.answer.body === undefined ? '' : JSON.stringify(spoiled.answer.body));
      } else if (answer) {
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      }
    })().catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

async function forward(
  upstream: string,
  req: IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const method = req.method ?? 'GET';
  const response = await fetch(new URL(req.url ?? '/', upstream), {
    method,
    headers,
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: new Uint8Array(body) }),
  });
  const answerHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name) && name !== 'content-encoding') answerHeaders[name] = value;
  });
  return { status: response.status, headers: answerHeaders, body: Buffer.from(await response.arrayBuffer()) };
}
