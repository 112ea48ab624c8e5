import type { AddressInfo } from 'node:net';
import type { FaultSwitches } from '../faults';
import { assertLoopbackHost } from '../loopback';
import { SANDBOX_FAST_RETRY, type WebhookRetry } from '../webhookRetry';
import { WebhookReach } from '../webhookReach';
import { buildDubApp } from './app';
import { createDubGuards, DUB_RATE_LIMITS, type DubRateLimits } from './auth';
import { hasDubFault } from './faults';
import { nanoid, dubId } from './ids';
import type { DubReward, DubWebhookAttempt } from './objects';
import { SCRIPT_PATH } from './routes/scriptRoute';
import { seedPartner, seedProgram } from './seed';
import { LOCAL_HOSTNAMES } from './settings';
import { DubStore } from './store';
import { installStripeApp, providerClient, STRIPE_APP_EVENTS, stripeAppPath } from './stripeApp/registration';
import { DUB_WEBHOOK_EVENTS } from './webhooks/events';
import { DubWebhookSender } from './webhooks/webhookSender';

export { STRIPE_APP_EVENTS, stripeAppPath } from './stripeApp/registration';
export { DUB_FAULT_NAMES, type DubFaultName } from './faults';
export { DUB_ANALYTICS_STUB, dubScriptTag } from './scriptTag';

/** Sandbox-only, fake keys in Dub's formats: API key `dub_…`, publishable key `dub_pk_…` (https://dub.co/docs/api-reference/authentication). */
export const DEFAULT_DUB_KEYS = { apiKey: 'dub_sandbox0000DressRehearsal0000', publishableKey: 'dub_pk_sandbox0000DressRehearsal0000' };

export interface DubOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** The (sandbox) provider whose events Dub's Stripe app receives. */
  provider: { url: string; secretKey: string };
  faults: FaultSwitches;
  /** Where outgoing webhooks may be delivered (sandbox/webhookReach.ts; default: every loopback endpoint). */
  reach?: WebhookReach;
  /** The Stripe mode the app is installed for (default: the provider key's); Dub itself has no test keys. */
  mode?: 'test' | 'live';
  apiKey?: string;
  publishableKey?: string;
  /** The workspace's Allowed Hostnames (default: 127.0.0.1 and localhost). */
  allowedHostnames?: string[];
  /** Where the seeded partner link points (the merchant's site). */
  siteUrl?: string;
  webhookRetry?: WebhookRetry;
  /** The program's sale reward instead of the seed's 20 % for the customer's lifetime (e.g. flat, or a maxDuration). */
  saleReward?: Partial<Pick<DubReward, 'type' | 'amountInPercentage' | 'amountInCents' | 'maxDuration'>>;
  /** Per-key limits (default Dub's Pro plan: 600/min, analytics 2/s); tests lower them. */
  rateLimits?: DubRateLimits;
}

export interface RunningDub {
  url: string;
  /** The workspace API key (`dub_…`). */
  secretKey: string;
  /** The publishable key (`dub_pk_…`). */
  publishableKey: string;
  /** The analytics script (Dub's https://www.dubcdn.com/analytics/script.js). */
  scriptUrl: string;
  mode: 'test' | 'live';
  /** partnerKey = the seeded link's key; domain = the program's short-link domain (the script's `data-domains` refer). */
  seed: { partnerKey: string; partnerId: string; programId: string; domain: string };
  /**
   * The dashboard's "add webhook" (Dub has no public webhook API): an endpoint for `events` (lead.created, sale.created,
   * commission.created); returns its id and `whsec_…` secret.
   */
  registerMerchantEndpoint(url: string, events: string[]): Promise<{ id: string; secret: string }>;
  /**
   * Where Dub's Stripe app receives the provider's events (`/api/stripe/integration/webhook`, `/test` for a test-mode
   * provider) and the events it subscribes to; registered at the provider unless `dub.stripe-app-not-installed`.
   */
  providerWebhook: { url: string; events: string[] };
  /** The dashboard's "Webhook Logs": every attempt, oldest first. */
  webhookAttempts(): DubWebhookAttempt[];
  stop(): Promise<void>;
}

/**
 * Starts the Dub emulation: listens, then installs the Stripe app at the provider (which must be running), unless the
 * fault `dub.stripe-app-not-installed` is on. See sandbox/dub/README.md.
 */
export async function startDub(options: DubOptions): Promise<RunningDub> {
  const host = options.host ?? '127.0.0.1';
  assertLoopbackHost('Dub emulation', host);
  const mode = options.mode ?? (/^(?:sk|rk)_live_/.test(options.provider.secretKey) ? 'live' : 'test');
  const apiKey = options.apiKey ?? DEFAULT_DUB_KEYS.apiKey;
  const publishableKey = options.publishableKey ?? DEFAULT_DUB_KEYS.publishableKey;
  if (!apiKey.startsWith('dub_') || apiKey.startsWith('dub_pk_')) throw new Error('The Dub emulation needs an API key of the form dub_….');
  if (!publishableKey.startsWith('dub_pk_')) throw new Error('The Dub emulation needs a publishable key of the form dub_pk_….');

  const now = new Date().toISOString();
  const program = seedProgram();
  const store = new DubStore({ ...program, saleReward: { ...program.saleReward, ...options.saleReward } });
  const { partner, link } = seedPartner(store.program, options.siteUrl ?? `http://${host}/`, now);
  store.partners.set(partner.id, partner);
  store.links.set(link.id, link);

  const reach = options.reach ?? WebhookReach.everywhere();
  const sender = new DubWebhookSender(store, options.webhookRetry ?? SANDBOX_FAST_RETRY, reach);
  const stripe = providerClient(options.provider.url, options.provider.secretKey);
  const settings = {
    allowedHostnames: options.allowedHostnames ?? [...LOCAL_HOSTNAMES],
    stripeAppInstalled: !hasDubFault(options.faults, 'dub.stripe-app-not-installed'),
  };
  let providerSecret: string | null = null;

  const app = buildDubApp(
    {
      store,
      sender,
      guards: createDubGuards({ apiKey, publishableKey }, options.rateLimits ?? DUB_RATE_LIMITS),
      settings,
      faults: options.faults,
    },
    { context: { store, sender, stripe, faults: options.faults }, secret: () => providerSecret, mode },
  );
  const stop = async (): Promise<void> => {
    sender.close();
    await app.close();
  };

  await app.listen({ host, port: options.port });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (settings.stripeAppInstalled) {
    try {
      providerSecret = (await installStripeApp(stripe, url, mode)).secret;
    } catch (error) {
      await stop();
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `The Dub emulation could not install its Stripe app at the provider ${new URL(options.provider.url).origin}: ${reason}`,
      );
    }
  }

  return {
    url,
    secretKey: apiKey,
    publishableKey,
    scriptUrl: `${url}${SCRIPT_PATH}`,
    mode,
    seed: { partnerKey: link.key, partnerId: partner.id, programId: store.program.id, domain: store.program.domain },
    async registerMerchantEndpoint(endpointUrl, events) {
      const unknown = events.filter((event) => !(DUB_WEBHOOK_EVENTS as readonly string[]).includes(event));
      if (unknown.length > 0)
        throw new Error(`Dub sends no ${unknown.join(', ')} webhook; its events are ${DUB_WEBHOOK_EVENTS.join(', ')}.`);
      const endpoint = {
        id: dubId('wh_'),
        url: endpointUrl,
        triggers: [...events],
        secret: `whsec_${nanoid(16)}`,
        disabledAt: null,
        consecutiveFailures: 0,
      };
      store.webhooks.set(endpoint.id, endpoint);
      return { id: endpoint.id, secret: endpoint.secret };
    },
    providerWebhook: { url: `${url}${stripeAppPath(mode)}`, events: [...STRIPE_APP_EVENTS] },
    webhookAttempts: () => [...store.attempts],
    stop,
  };
}
