import { describeError } from '../describeError';
import { findSecrets } from '../findSecrets';
import { failedResourceName, loadCustomerPages, type FailedResource } from '../pageResources';
import { failed, passed, skipped } from '../outcome';
import type { PreflightCheck } from '../types';

interface Exposure {
  page: string;
  resource: string;
  type: string;
  secret: string;
  masked: string;
}

/**
 * secret-keys-not-in-browser: no customer page (`goLive.customerPages`), nor any document, script, XHR or fetch
 * response it loads, holds an `sk_`/`rk_` key, a `whsec_` secret, or one of the configured secret values. Each page's
 * line says how many responses were scanned and which failed to load ("3 scanned, 1 failed: js.stripe.com").
 */
export const browserNoSecretKeys: PreflightCheck = {
  id: 'browser.no-secret-keys',
  item: 'secret-keys-not-in-browser',
  async run(context) {
    const { browser } = context;
    if (!browser)
      return skipped(
        'No browser was available, so the customer pages were not scanned for secret keys; run `rehearse preflight` or the Playwright preflight project.',
      );
    const paths = context.target.goLive.customerPages;
    if (paths.length === 0)
      return skipped('The target lists no customer pages (goLive.customerPages), so no page was scanned for secret keys.');

    const exposures: Exposure[] = [];
    const unopened: string[] = [];
    const details: string[] = [];
    const scanned: Array<{
      page: string;
      status: number | null;
      resources: Array<{ url: string; type: string; status: number }>;
      failed: FailedResource[];
    }> = [];
    /** Every resource that failed to load, by name ("js.stripe.com"), once. */
    const failedNames = new Set<string>();
    const loads = await loadCustomerPages(
      browser,
      paths.map((path) => new URL(path, context.environment.merchant.baseUrl).toString()),
    );
    for (const [index, path] of paths.entries()) {
      const load = loads[index]!;
      if ('error' in load) {
        unopened.push(path);
        details.push(`Could not open ${load.url} (${describeError(load.error)}), so it was not scanned.`);
        continue;
      }
      const { loaded } = load;
      scanned.push({
        page: path,
        status: loaded.status ?? null,
        resources: loaded.resources.map(({ url: u, type, status }) => ({ url: u, type, status })),
        failed: loaded.failed,
      });
      const failedHere = [...new Set(loaded.failed.map((resource) => failedResourceName(resource, load.url)))].sort();
      for (const name of failedHere) failedNames.add(name);
      const counts = `${loaded.resources.length} scanned${failedHere.length > 0 ? `, ${failedHere.length} failed: ${failedHere.join(', ')}` : ''}`;
      const before = exposures.length;
      for (const resource of loaded.resources) {
        for (const secret of findSecrets(resource.body, context.secrets)) {
          exposures.push({ page: path, resource: resource.url, type: resource.type, secret: secret.label, masked: secret.masked });
        }
      }
      const status = loaded.status !== undefined && loaded.status >= 400 ? ` (the page answered ${loaded.status})` : '';
      details.push(
        exposures.length === before
          ? `${path}: ${counts}; no secret found${status}.`
          : `${path}: ${exposures
              .slice(before)
              .map((e) => `${e.secret} (${e.masked}) in ${e.type} ${e.resource}`)
              .join('; ')}${status}${failedHere.length > 0 ? ` (${counts})` : ''}.`,
      );
    }
    const evidence = { pages: scanned, exposures, unopened };
    if (exposures.length > 0) {
      const first = exposures[0]!;
      const more = exposures.length > 1 ? ` (${exposures.length - 1} more in the details)` : '';
      return failed(
        `The customer page ${first.page} exposes ${first.secret} (${first.masked}) in ${first.type === 'document' ? 'its HTML' : `the ${first.type} ${first.resource}`}${more}: ` +
          'remove it from everything the browser loads, keep secret keys on the server, and roll the exposed key.',
        { details, evidence },
      );
    }
    if (unopened.length > 0) {
      return failed(
        `Could not open ${unopened.join(', ')} on ${context.environment.merchant.baseUrl}, so ${unopened.length === 1 ? 'it was' : 'they were'} not scanned for secret keys: check the site is up and goLive.customerPages lists pages that exist.`,
        { details, evidence },
      );
    }
    const notLoaded = failedNames.size > 0 ? ` (not scanned, as they failed to load: ${[...failedNames].sort().join(', ')})` : '';
    return passed(`No secret key appears in the ${paths.length} customer pages or the scripts and data they load${notLoaded}.`, {
      details,
      evidence,
    });
  },
};
