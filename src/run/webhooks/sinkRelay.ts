import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopbackUrl } from '../../base/loopback';

/** The environment the run's sink relay hands to its workers (Playwright passes globalSetup's environment on). */
export const SINK_RELAY_VARIABLES = { url: 'REHEARSAL_SINK_RELAY', token: 'REHEARSAL_SINK_RELAY_TOKEN' } as const;

const SINK_ID = /^[a-z0-9_-]{1,64}$/i;
const BODY_LIMIT = 5 * 1024 * 1024;
const FORWARD_TIMEOUT_MS = 15_000;

export interface RunningSinkRelay {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Registers sinks: only the run's own processes know it (the tunnel forwards the internet to the same port). */
  token: string;
  close(): Promise<void>;
}

/**
 * One port for the whole run that a tunnel forwards to (REHEARSAL_SINK_PORT): `POST /<sinkId>/webhooks` is passed,
 * body and headers unchanged (signatures cover them), to the sink registered as `sinkId`, and its answer back.
 * Each test's sink (in any worker) registers with `PUT /_relay/<sinkId>` and the token, and leaves with `DELETE`.
 * Anything else is 404: what the internet reaches through the tunnel is the sinks, nothing more.
 */
export async function startSinkRelay(options: { port: number; host?: string }): Promise<RunningSinkRelay> {
  const token = randomBytes(24).toString('hex');
  const sinks = new Map<string, string>();
  const server = createServer((request, response) => {
    void route(request, response).catch(() => {
      // Once the sink's status is passed on, a failure reading the rest of its answer can only cut the answer off.
      if (response.headersSent) response.destroy();
      else answer(response, 502, 'The sink relay could not pass the delivery on.');
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://relay');
    const [first, second, ...rest] = url.pathname.split('/').filter(Boolean);
    if (first === '_relay' && second !== undefined && rest.length === 0 && SINK_ID.test(second)) {
      if (!hasToken(request.headers.authorization, token)) return answer(response, 404, 'Not found.');
      if (request.method === 'DELETE') {
        sinks.delete(second);
        return answer(response, 204, '');
      }
      if (request.method !== 'PUT') return answer(response, 405, 'PUT or DELETE.');
      const target = (await readBody(request)).toString('utf8').trim();
      if (!isLoopbackUrl(target)) return answer(response, 400, 'A sink is on this machine: a loopback http URL.');
      sinks.set(second, target);
      return answer(response, 204, '');
    }
    const target = first !== undefined && second === 'webhooks' && rest.length === 0 ? sinks.get(first) : undefined;
    if (!target || request.method !== 'POST') return answer(response, 404, 'No sink here.');
    const body = await readBody(request);
    const forwarded = await fetch(target, {
      method: 'POST',
      headers: forwardedHeaders(request),
      body: new Uint8Array(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
    });
    response.writeHead(forwarded.status, { 'content-type': forwarded.headers.get('content-type') ?? 'text/plain; charset=utf-8' });
    response.end(Buffer.from(await forwarded.arrayBuffer()));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function hasToken(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer /, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function forwardedHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || ['host', 'connection', 'content-length', 'transfer-encoding'].includes(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function answer(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}

/**
 * A sink's public address through the run's relay: registers `localUrl` as `sinkId` and returns
 * `<publicUrl>/<sinkId>/webhooks` and a function that unregisters it. Undefined when the run has no relay.
 */
export async function registerWithRelay(
  env: NodeJS.ProcessEnv,
  publicUrl: string,
  sinkId: string,
  localUrl: string,
): Promise<{ url: string; leave(): Promise<void> } | undefined> {
  const relay = env[SINK_RELAY_VARIABLES.url];
  const token = env[SINK_RELAY_VARIABLES.token];
  if (!relay || !token) return undefined;
  const at = `${relay}/_relay/${encodeURIComponent(sinkId)}`;
  const headers = { authorization: `Bearer ${token}` };
  const registered = await fetch(at, { method: 'PUT', headers, body: localUrl });
  if (!registered.ok) throw new Error(`The run's sink relay (${relay}) refused the sink: HTTP ${registered.status}.`);
  return {
    url: `${publicUrl}/${sinkId}/webhooks`,
    async leave() {
      await fetch(at, { method: 'DELETE', headers }).catch(() => undefined);
    },
  };
}
