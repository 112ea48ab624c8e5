import type { ProviderRequestLogEntry } from '../../../contracts/providerRequestLog';
import { readSandboxList } from './sandboxRoute';

/**
 * The sandbox provider's request log, newest first (for the idempotency keys a merchant sent); undefined
 * against real Stripe, which has no such route (404).
 */
export async function readRequestLog(
  options: { apiBase: string; secretKey: string },
  filter: { path?: string; idempotencyKey?: string; limit?: number } = {},
): Promise<ProviderRequestLogEntry[] | undefined> {
  return readSandboxList<ProviderRequestLogEntry>(options, 'requests', {
    path: filter.path,
    idempotency_key: filter.idempotencyKey,
    limit: filter.limit,
  });
}
