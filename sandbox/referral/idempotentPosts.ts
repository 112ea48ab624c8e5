import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './apiError';

/** How many answered keys are kept (oldest forgotten first): plenty for a rehearsal, bounded for a long-running sandbox. */
const KEEP = 1_000;

interface SavedAnswer {
  fingerprint: string;
  status: number;
  contentType: string;
  payload: string;
}

/**
 * `Idempotency-Key` on the API's POSTs (`/v1/…`, not the provider's webhooks): a key seen with the same API key,
 * path and body answers the first 2xx again (`Idempotent-Replayed: true`) instead of running twice; the same key with
 * another path or body is a 400 `idempotency_error`. Only 2xx answers are kept (an error runs again on retry).
 */
export function registerIdempotentPosts(app: FastifyInstance): void {
  const saved = new Map<string, SavedAnswer>();
  const pending = new WeakMap<FastifyRequest, { slot: string; fingerprint: string }>();

  app.addHook('preHandler', async (request, reply) => {
    const key = idempotencyKeyOf(request);
    if (key === undefined) return;
    const slot = `${request.headers.authorization ?? ''}\u0000${key}`;
    const fingerprint = JSON.stringify([request.url.split('?')[0], request.body ?? null]);
    const answer = saved.get(slot);
    if (!answer) {
      pending.set(request, { slot, fingerprint });
      return;
    }
    if (answer.fingerprint !== fingerprint) {
      throw new ApiError(
        400,
        'invalid_request_error',
        'idempotency_error',
        `Keys for idempotent requests can only be used with the same path and body they were first used with. Use another key than '${key}' for a different request.`,
      );
    }
    return reply.code(answer.status).header('idempotent-replayed', 'true').type(answer.contentType).send(answer.payload);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const first = pending.get(request);
    if (first && reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
      saved.set(first.slot, {
        fingerprint: first.fingerprint,
        status: reply.statusCode,
        contentType: String(reply.getHeader('content-type') ?? 'application/json'),
        payload,
      });
      if (saved.size > KEEP) saved.delete(saved.keys().next().value!);
    }
    return payload;
  });
}

function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  if (request.method !== 'POST') return undefined;
  const path = request.url.split('?')[0] ?? '';
  if (!path.startsWith('/v1/') || path === '/v1/provider/webhooks') return undefined;
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  return key ? key : undefined;
}
