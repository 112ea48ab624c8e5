import { readSandboxList } from './sandboxRoute';

/** One API request in the sandbox provider's request log (`GET /_sandbox/requests`). */
export interface ProviderRequest {
  id: string;
  method: string;
  path: string;
  idempotency_key: string | null;
  idempotent_replayed: boolean;
  status: number;
  /** Unix seconds. */
  created: number;
}

/**
 * The sandbox provider's request log, newest first (for the idempotency keys a merchant sent); undefined
 * against real Stripe, which has no such route (404).
 */
export async function readRequestLog(
  options: { apiBase: string; secretKey: string },
  filter: { path?: string; idempotencyKey?: string; limit?: number } = {},
): Promise<ProviderRequest[] | undefined> {
  return readSandboxList<ProviderRequest>(options, 'requests', {
    path: filter.path,
    idempotency_key: filter.idempotencyKey,
    limit: filter.limit,
  });
}
