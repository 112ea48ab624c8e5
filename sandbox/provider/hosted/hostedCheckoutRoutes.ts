import type { FastifyInstance } from 'fastify';
import { validateHostedCheckoutLayout, type HostedCheckoutSettings } from './hostedCheckoutLayout';

/**
 * Sandbox-only `PUT|GET|DELETE /_sandbox/hosted_checkout` (Bearer secret key, checked by the core's onRequest hook):
 * PUT chooses the hosted page's layout and 3-D Secure presentation, GET reads them, DELETE resets to card/page.
 */
export function registerHostedCheckoutRoutes(app: FastifyInstance, settings: HostedCheckoutSettings): void {
  app.put('/_sandbox/hosted_checkout', async (request) => {
    settings.replace(validateHostedCheckoutLayout(request.body));
    return settings.layout;
  });
  app.get('/_sandbox/hosted_checkout', async () => settings.layout);
  app.delete('/_sandbox/hosted_checkout', async () => {
    settings.reset();
    return settings.layout;
  });
}
