import type { ProviderRequestLogEntry } from '../../../contracts/providerRequestLog';
import { unixNow } from './ids';

const KEEP = 10_000;

/** Every `/v1` request the provider answered, newest first, so a harness can show each POST's idempotency key. */
export class RequestLog {
  private readonly entries: ProviderRequestLogEntry[] = [];

  record(entry: Omit<ProviderRequestLogEntry, 'created'>): void {
    this.entries.push({ ...entry, created: unixNow() });
    if (this.entries.length > KEEP) this.entries.splice(0, this.entries.length - KEEP);
  }

  /** Newest first; `path` matches exactly or as a prefix (`/v1/checkout/sessions`). */
  list(filter: { limit: number; idempotencyKey?: string; path?: string }): ProviderRequestLogEntry[] {
    const out: ProviderRequestLogEntry[] = [];
    for (let i = this.entries.length - 1; i >= 0 && out.length < filter.limit; i--) {
      const entry = this.entries[i]!;
      if (filter.idempotencyKey !== undefined && entry.idempotency_key !== filter.idempotencyKey) continue;
      if (filter.path !== undefined && !entry.path.startsWith(filter.path)) continue;
      out.push(entry);
    }
    return out;
  }
}
