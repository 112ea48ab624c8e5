import type Stripe from 'stripe';
import type { Target } from '../../src/model/target/contract';
import { defaultMerchantWebhookEvents } from '../../src/model/target/externalEnvironment';
import { SeedError } from './seedError';
import type { SeedStep } from './seedResult';
import type { SandboxAccess } from './sandboxAccess';

/**
 * The events the merchant's endpoint is subscribed to: the ones preflight expects of its payment form and plans
 * (defaultMerchantWebhookEvents), `customer.subscription.updated` too when it sells plans (a cancellation at the
 * period's end, from its page or Stripe's customer portal, arrives as one), and any the caller adds.
 */
export function merchantWebhookEvents(target: Target, extra: string[]): string[] {
  const sellsPlans = target.catalogue.plans.length > 0;
  return [
    ...new Set([
      ...defaultMerchantWebhookEvents(target.capabilities.paymentForm, { sellsPlans }),
      ...(sellsPlans ? ['customer.subscription.updated'] : []),
      ...extra,
    ]),
  ];
}

/**
 * The merchant's provider webhook endpoint at `url`, pinned to the target's API version and subscribed to `events`.
 * Found by its URL: missing events are added (and a disabled endpoint enabled); an endpoint on another API version
 * is a SeedError (exit 1), as its version cannot change. Resolves with its signing secret too: from the create
 * answer, or, for an endpoint that already existed, from the sandbox-only `GET /_sandbox/webhook_endpoints/:id/secret`
 * (what the dashboard's "Reveal" shows; Stripe's API returns a secret at creation only).
 */
export async function seedWebhookEndpoint(
  access: SandboxAccess,
  target: Target,
  url: string,
  events: string[],
): Promise<{ step: SeedStep; secret: string }> {
  const { stripe } = access.provider;
  const apiVersion = target.goLive.apiVersion;
  const existing: Stripe.WebhookEndpoint[] = [];
  for await (const endpoint of stripe.webhookEndpoints.list({ limit: 100 })) if (endpoint.url === url) existing.push(endpoint);
  const found = existing.find((endpoint) => endpoint.api_version === apiVersion) ?? existing[0];

  if (!found) {
    const created = await stripe.webhookEndpoints.create({
      url,
      enabled_events: events as Stripe.WebhookEndpointCreateParams.EnabledEvent[],
      api_version: apiVersion as Stripe.WebhookEndpointCreateParams.ApiVersion,
      description: `${target.name}: the merchant's endpoint (npm run sandbox:seed)`,
    });
    if (!created.secret)
      throw new SeedError(
        `The provider created the webhook endpoint ${created.id} without a signing secret: restart the sandbox and seed again.`,
      );
    return {
      step: { changed: true, line: `created webhook endpoint ${created.id} at ${url} (API version ${apiVersion}): ${events.join(', ')}` },
      secret: created.secret,
    };
  }

  if (found.api_version !== apiVersion) {
    throw new SeedError(
      `The webhook endpoint ${found.id} at ${url} is on API version ${found.api_version ?? "the account's default"}, but targets/${target.name} pins ${apiVersion}, ` +
        `and an endpoint's version cannot change: delete it (stripe.webhookEndpoints.del('${found.id}')) or restart the sandbox, then seed again.`,
      1,
    );
  }
  const missing = found.enabled_events.includes('*') ? [] : events.filter((event) => !found.enabled_events.includes(event));
  const disabled = found.status !== 'enabled';
  if (missing.length > 0 || disabled) {
    await stripe.webhookEndpoints.update(found.id, {
      ...(missing.length > 0
        ? { enabled_events: [...found.enabled_events, ...missing] as Stripe.WebhookEndpointUpdateParams.EnabledEvent[] }
        : {}),
      ...(disabled ? { disabled: false } : {}),
    });
  }
  const secret = await revealSecret(access, found.id);
  const changes = [...(missing.length > 0 ? [`subscribed it to ${missing.join(', ')} too`] : []), ...(disabled ? ['enabled it'] : [])];
  return changes.length > 0
    ? { step: { changed: true, line: `webhook endpoint ${found.id} at ${url}: ${changes.join('; ')}` }, secret }
    : {
        step: {
          changed: false,
          line: `webhook endpoint ${found.id} at ${url}: subscribed to every event the target needs, API version ${apiVersion}`,
        },
        secret,
      };
}

async function revealSecret(access: SandboxAccess, endpointId: string): Promise<string> {
  const response = await fetch(`${access.provider.url}/_sandbox/webhook_endpoints/${encodeURIComponent(endpointId)}/secret`, {
    headers: { authorization: `Bearer ${access.provider.secretKey}` },
    signal: AbortSignal.timeout(10_000),
  }).catch(() => undefined);
  const body = response?.ok ? ((await response.json().catch(() => ({}))) as { secret?: unknown }) : {};
  if (typeof body.secret !== 'string') {
    throw new SeedError(
      `The provider at ${access.provider.url} does not show the signing secret of ${endpointId} (no sandbox-only secret route): it is not the Dress Rehearsal sandbox.`,
    );
  }
  return body.secret;
}
