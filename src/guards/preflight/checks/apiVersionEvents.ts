import { accountDefaultAdvice, providerIsStripe } from '../apiVersionAdvice';
import { PROVIDER_TIMEOUT_MS } from '../createContext';
import { failed, passed, skipped } from '../outcome';
import type { PreflightCheck } from '../types';

const LATEST = 20;

/**
 * api-version-pinned: the latest 20 events at the provider are in the API version the code pins (none yet: skipped).
 * An event is in the account's default API version (a webhook endpoint pinned to another gets it re-rendered), so a
 * mismatch is fixed at the account, or in the code when the account is already on a newer version.
 */
export const apiVersionEvents: PreflightCheck = {
  id: 'provider.api-version-events',
  item: 'api-version-pinned',
  async run(context) {
    const pinned = context.target.goLive.apiVersion;
    const events = (await context.provider.events.list({ limit: LATEST }, { timeout: PROVIDER_TIMEOUT_MS })).data;
    if (events.length === 0) {
      return skipped(
        'The provider has no events yet, so their API version cannot be checked; run preflight again after the first payment.',
      );
    }
    const evidence = {
      pinned,
      events: events.map((event) => ({ id: event.id, type: event.type, api_version: event.api_version ?? null })),
    };
    const byVersion = new Map<string, string[]>();
    for (const event of events) {
      if (event.api_version === pinned) continue;
      const version = event.api_version ?? 'no version';
      byVersion.set(version, [...(byVersion.get(version) ?? []), event.id]);
    }
    if (byVersion.size === 0)
      return passed(`The latest ${events.length} events at the provider are all in API version ${pinned}.`, { evidence });
    const details = [...byVersion].map(
      ([version, ids]) =>
        `${ids.length} event${ids.length === 1 ? ' is' : 's are'} in ${version}: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}.`,
    );
    const off = [...byVersion.values()].reduce((sum, ids) => sum + ids.length, 0);
    const versions = [...byVersion.keys()];
    return failed(
      `${off} of the latest ${events.length} events at the provider are in API version ${versions.join(', ')}, not ${pinned}, ` +
        `so the account's default API version is not the one the code pins: ${fix(context.environment.provider.apiBase, pinned, versions)}.`,
      { details, evidence },
    );
  },
};

/**
 * What to do: bring the account's default to the pinned version when the events are older ("2024-06-20" sorts
 * before "2026-…": versions are dates); when they are newer, the code is behind the account: upgrade the code.
 */
function fix(apiBase: string, pinned: string, versions: string[]): string {
  const newer = versions.filter((version) => version !== 'no version' && version > pinned);
  if (newer.length === 0) return accountDefaultAdvice(apiBase, pinned);
  const code = `upgrade the code to ${newer.join(' / ')} (the account is on a newer version than the code pins)`;
  return providerIsStripe(apiBase) ? code : `${code}, or ${accountDefaultAdvice(apiBase, pinned)}`;
}
