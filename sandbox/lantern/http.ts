import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request as the routes see it: the parsed URL, the path parameters, and the raw body read on demand. */
export interface Request {
  method: string;
  url: URL;
  params: Record<string, string>;
  headers: IncomingMessage['headers'];
  /** The raw body (at most `limit` bytes, else HttpError 413). */
  body(limit?: number): Promise<Buffer>;
  /** An `application/x-www-form-urlencoded` body. */
  form(): Promise<URLSearchParams>;
  cookie(name: string): string | undefined;
}

/** An answer a route gives with a status other than 200 (a page or JSON, whichever the route serves). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const FORM_LIMIT = 16 * 1024;

export function toRequest(incoming: IncomingMessage, url: URL, params: Record<string, string>): Request {
  let read: Promise<Buffer> | undefined;
  const body = (limit = FORM_LIMIT) => (read ??= readBody(incoming, limit));
  return {
    method: incoming.method ?? 'GET',
    url,
    params,
    headers: incoming.headers,
    body,
    async form() {
      return new URLSearchParams((await body()).toString('utf8'));
    },
    cookie(name) {
      return parseCookies(incoming.headers.cookie)[name];
    },
  };
}

function readBody(incoming: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, 'The request body is too large.'));
        incoming.destroy();
        return;
      }
      chunks.push(chunk);
    });
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    try {
      cookies[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // A malformed cookie is ignored, as browsers' own parsers do.
    }
  }
  return cookies;
}

export function sendHtml(res: ServerResponse, status: number, body: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    ...headers,
  });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** 303 See Other: after a form POST the browser GETs `location`. */
export function redirect(res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(303, { location, 'cache-control': 'no-store', ...headers });
  res.end();
}
