import type { FastifyReply, FastifyRequest } from 'fastify';

/** A merchant API's error answer: `{ error: { type, message } }`, with Stripe's error types. */
export function apiErrorBody(type: 'invalid_request_error' | 'authentication_error' | 'api_error', message: string) {
  return { error: { type, message } };
}

/** An error a route throws or a body parser reports, as Fastify passes it on. */
export interface RequestFailure {
  statusCode?: number;
  message?: string;
}

/** How a merchant's JSON API answers what its routes do not: a failed request and an unknown route. */
export interface MerchantApiErrors {
  answerError(error: RequestFailure, reply: FastifyReply): FastifyReply;
  answerNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply;
}
