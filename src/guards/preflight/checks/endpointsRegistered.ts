import { PLAN_MERCHANT_WEBHOOK_EVENTS } from '../../../model/target/externalEnvironment';
import { endpointEvidence, endpointsAt, missingEvents } from '../requiredEndpoints';
import { failed, passed, skipped } from '../outcome';
import type { PreflightCheck } from '../types';
import { capitalise, lowerFirst } from '../sentence';

/**
 * webhook-endpoints-registered: each required endpoint exists at the provider at its exact URL, is enabled, and
 * receives every event it needs (or `*`).
 */
export const endpointsRegistered: PreflightCheck = {
  id: 'webhooks.endpoints-registered',
  item: 'webhook-endpoints-registered',
  async run(context) {
    const required = context.environment.requiredWebhookEndpoints;
    if (required.length === 0)
      return skipped(
        'The target names no required webhook endpoints, so none could be checked; add them to the target (MERCHANT_WEBHOOK_URL, REFERRAL_PROVIDER_WEBHOOK_URL).',
      );
    const endpoints = await context.webhookEndpoints();
    const details: string[] = [];
    const problems: string[] = [];
    for (const need of required) {
      const found = endpointsAt(endpoints, need);
      const good = found.find((endpoint) => endpoint.status === 'enabled' && missingEvents(endpoint, need).length === 0);
      if (good) {
        details.push(`${need.name}'s endpoint ${good.id} (${need.url}) is enabled and receives ${need.events.join(', ')}.`);
        continue;
      }
      const problem = problemWith(need, found, context.target.catalogue.plans.length > 0);
      details.push(problem);
      problems.push(problem);
    }
    const evidence = { required, registered: endpoints.map(endpointEvidence) };
    if (problems.length === 0) {
      return passed(
        `${required.length === 1 ? 'The required webhook endpoint is' : `All ${required.length} required webhook endpoints are`} registered, enabled and subscribed to every event they need.`,
        { details, evidence },
      );
    }
    return failed(
      problems.length === 1 ? problems[0]! : `${problems.length} webhook endpoints need fixing; the first: ${lowerFirst(problems[0]!)}`,
      { details, evidence },
    );
  },
};

function problemWith(
  need: { name: string; url: string; events: string[] },
  found: Array<{ id: string; status: string; enabled_events: string[] }>,
  sellsPlans: boolean,
): string {
  const fix = "in the provider's dashboard (Developers › Webhooks)";
  if (found.length === 0) {
    return `${capitalise(need.name)}'s webhook endpoint ${need.url} is not registered at the provider: add it ${fix} with the events ${need.events.join(', ')}.`;
  }
  const enabled = found.filter((endpoint) => endpoint.status === 'enabled');
  if (enabled.length === 0) {
    return `${capitalise(need.name)}'s webhook endpoint ${need.url} (${found.map((e) => e.id).join(', ')}) is disabled, so it receives nothing: enable it ${fix}.`;
  }
  const endpoint = enabled[0]!;
  const missing = need.events.filter((event) => !endpoint.enabled_events.includes(event) && !endpoint.enabled_events.includes('*'));
  const why =
    sellsPlans && missing.some((event) => (PLAN_MERCHANT_WEBHOOK_EVENTS as readonly string[]).includes(event))
      ? " (the target sells plans: a subscription's payments arrive as invoice.paid, its end as customer.subscription.deleted)"
      : '';
  return `${capitalise(need.name)}'s webhook endpoint ${need.url} (${endpoint.id}) is not subscribed to ${missing.join(', ')}${why}: add ${missing.length === 1 ? 'that event' : 'those events'} to it ${fix}.`;
}
