import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProviderApiError } from '../core/errors';
import type { FaultInjector } from './faultInjector';
import type { ApiFaultKind } from '../../../contracts/faultPlan';

const NOTE = '(Injected by the sandbox provider: the request was not run and nothing changed.)';

/**
 * Answers a request with an injected fault instead of running it, and records it: Stripe's error bodies for
 * 500 (`api_error`), 429 (`rate_limit`, with `Retry-After`) and 409 (`lock_timeout`); `drop` destroys the socket
 * without an answer.
 */
export function answerWithInjectedFault(kind: ApiFaultKind, request: FastifyRequest, reply: FastifyReply, injector: FaultInjector): void {
  const path = request.url.split('?')[0] ?? request.url;
  injector.record({ kind, target: path, requestId: request.stripeRequestId });
  if (kind === 'drop') {
    reply.hijack();
    request.raw.socket.destroy();
    return;
  }
  const error = injectedError(kind);
  if (kind === '429') reply.header('Retry-After', String(injector.retryAfterSeconds()));
  reply
    .code(error.status)
    .type('application/json')
    .send(JSON.stringify({ error: error.body }, null, 2));
}

function injectedError(kind: Exclude<ApiFaultKind, 'drop'>): ProviderApiError {
  switch (kind) {
    case '500':
      return new ProviderApiError(500, { type: 'api_error', message: `An unknown error occurred. ${NOTE}` });
    case '429':
      return new ProviderApiError(429, {
        type: 'invalid_request_error',
        code: 'rate_limit',
        message: `Request rate limit exceeded. You can learn more about rate limits here https://stripe.com/docs/rate-limits. ${NOTE}`,
      });
    case '409':
      return new ProviderApiError(409, {
        type: 'invalid_request_error',
        code: 'lock_timeout',
        message: `This object cannot be accessed right now because another API request or Stripe process is currently accessing it. If you see this error intermittently, retry the request. ${NOTE}`,
      });
  }
}
