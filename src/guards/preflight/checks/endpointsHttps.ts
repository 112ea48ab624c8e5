import { isLoopbackUrl } from '../../../base/loopback';
import { endpointEvidence } from '../requiredEndpoints';
import { failed, passed, skipped } from '../outcome';
import type { PreflightCheck } from '../types';

/**
 * webhook-endpoints-https: in live mode every enabled endpoint at the provider is `https://`. Loopback URLs are
 * exempt only when the provider itself is on loopback (the offline sandbox, which delivers nowhere else). Test: skipped.
 */
export const endpointsHttps: PreflightCheck = {
  id: 'webhooks.endpoints-https',
  item: 'webhook-endpoints-https',
  async run(context) {
    if (context.mode !== 'live') return skipped('Only live webhook endpoints must use HTTPS; this is a test run.');
    const providerOnLoopback = isLoopbackUrl(context.environment.provider.apiBase);
    const enabled = (await context.webhookEndpoints()).filter((endpoint) => endpoint.status === 'enabled');
    const evidence = { providerOnLoopback, endpoints: enabled.map(endpointEvidence) };
    if (enabled.length === 0)
      return skipped('The provider has no enabled webhook endpoints, so there is no URL to check (see the webhook endpoints item).', {
        evidence,
      });

    const plain = enabled.filter((endpoint) => !endpoint.url.toLowerCase().startsWith('https://'));
    const exempt = providerOnLoopback ? plain.filter((endpoint) => isLoopbackUrl(endpoint.url)) : [];
    const insecure = plain.filter((endpoint) => !exempt.includes(endpoint));
    const details = enabled.map((endpoint) => {
      if (insecure.includes(endpoint)) return `Endpoint ${endpoint.id} (${endpoint.url}) uses plain HTTP.`;
      if (exempt.includes(endpoint))
        return `Endpoint ${endpoint.id} (${endpoint.url}) is on this machine, exempt because the provider is a local sandbox.`;
      return `Endpoint ${endpoint.id} (${endpoint.url}) uses HTTPS.`;
    });
    if (insecure.length > 0) {
      const urls = insecure.map((endpoint) => endpoint.url).join(', ');
      return failed(
        `${insecure.length === 1 ? 'The live webhook endpoint' : `${insecure.length} live webhook endpoints`} ${urls} ${insecure.length === 1 ? 'uses' : 'use'} plain HTTP: serve ${insecure.length === 1 ? 'it' : 'them'} over HTTPS and update the URL in the provider's dashboard (Developers › Webhooks).`,
        { details, evidence },
      );
    }
    const exemption =
      exempt.length > 0
        ? `, except ${exempt.length} loopback endpoint${exempt.length === 1 ? '' : 's'}, exempt because the provider (${context.environment.provider.apiBase}) is itself on loopback (a local sandbox)`
        : '';
    return passed(`Every enabled live webhook endpoint uses HTTPS${exemption}.`, { details, evidence });
  },
};
