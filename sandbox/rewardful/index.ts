import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FaultSwitches } from '../faults';
import { assertLoopbackHost } from '../loopback';
import { SANDBOX_FAST_RETRY, type WebhookRetry } from '../webhookRetry';
import { WebhookReach } from '../webhookReach';
import { buildRewardfulApp } from './app';
import { RewardfulFaults, type RewardfulFaultName } from './faults';
import { REWARDFUL_RATE_LIMIT, type RateLimitSettings } from './rateLimit';
import { SEED_IDS } from './seed';
import { RewardfulStore } from './store';
import { connectStripe, providerClient } from './stripe/providerConnection';
import { SCRIPT_PATH } from './routes/trackingRoutes';
import { RewardfulWebhookSender } from './webhooks/webhookSender';
import { newUuid } from './ids';
import type { AttemptRecord } from './records';

export { REWARDFUL_FAULT_NAMES, type RewardfulFaultName, RewardfulFaults } from './faults';
export { SIGNATURE_HEADER, signBody } from './webhooks/signature';

export interface RewardfulOptions {
  /** 0 picks a free port. */
  port: number;
  /** Loopback only; default 127.0.0.1. */
  host?: string;
  provider: { url: string; secretKey: string };
  faults: FaultSwitches;
  /** Rewardful's own faults switched on from the start (sandbox/rewardful/faults.ts); also read from `faults`. */
  rewardfulFaults?: Iterable<RewardfulFaultName>;
  reach?: WebhookReach;
  /** Rewardful documents no test mode (research notes §7): the mode only labels the keys. */
  mode?: 'test' | 'live';
  /** The campaign's URL, where affiliate links point (default: http://127.0.0.1:4242, the demo shop). */
  merchantUrl?: string;
  webhookRetry?: WebhookRetry;
  /** Sandbox-only: a smaller rate limit for tests (default 45 requests per 30 s). */
  rateLimit?: RateLimitSettings;
}

export interface RunningRewardful {
  url: string;
  /** The API Secret (Basic auth username). */
  secretKey: string;
  /** The public API key (`data-rewardful`). */
  publishableKey: string;
  scriptUrl: string;
  seed: { partnerKey: string; partnerId: string; programId: string };
  faults: RewardfulFaults;
  /**
   * The dashboard's Webhooks page (there is no webhook-endpoint API: https://developers.rewardful.com/webhooks/endpoints):
   * adds an endpoint for `events` (`*` for all) and returns its id and signing secret.
   */
  registerMerchantEndpoint(url: string, events: string[]): Promise<{ id: string; secret: string }>;
  /** The dashboard's webhook log: every delivery attempt (sandbox-only; Rewardful's API has none). */
  deliveryAttempts(): AttemptRecord[];
  stop(): Promise<void>;
}

/** Sandbox-only, fake keys; Rewardful's are 32-character strings without a prefix (guess from dashboard screenshots). */
const DEFAULT_KEYS = {
  test: { secretKey: 'rwsandboxsecret00000000000000test', publishableKey: 'rwsandboxpublic0000test' },
  live: { secretKey: 'rwsandboxsecret00000000000000live', publishableKey: 'rwsandboxpublic0000live' },
} as const;

/**
 * Starts the Rewardful emulation: listens, then connects "Stripe" by registering its webhook endpoint at the provider
 * (unless the fault rewardful.stripe-not-connected is on), so the provider must be running.
 */
export async function startRewardful(options: RewardfulOptions): Promise<RunningRewardful> {
  const host = options.host ?? '127.0.0.1';
  assertLoopbackHost('Rewardful emulation', host);
  const keys = DEFAULT_KEYS[options.mode ?? 'test'];
  const faults = new RewardfulFaults(options.faults, options.rewardfulFaults);
  const store = new RewardfulStore(options.merchantUrl ?? 'http://127.0.0.1:4242/');
  const sender = new RewardfulWebhookSender(store, options.webhookRetry ?? SANDBOX_FAST_RETRY, options.reach ?? WebhookReach.everywhere());
  const stripe = providerClient(options.provider.url, options.provider.secretKey);
  let stripeSecret: string | null = null;
  const app = await buildRewardfulApp(
    { store, sender, faults, stripe, publishableKey: keys.publishableKey },
    { apiSecret: keys.secretKey, rateLimit: options.rateLimit ?? REWARDFUL_RATE_LIMIT, stripeSecret: () => stripeSecret },
  );
  const stop = async (): Promise<void> => {
    sender.close();
    await app.close();
  };
  await app.listen({ host, port: options.port });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (!faults.has('rewardful.stripe-not-connected')) {
    try {
      stripeSecret = (await connectStripe(stripe, url)).secret;
    } catch (error) {
      await stop();
      throw new Error(
        `The Rewardful sandbox could not register its webhook endpoint at the provider ${new URL(options.provider.url).origin}: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }
  return {
    url,
    secretKey: keys.secretKey,
    publishableKey: keys.publishableKey,
    scriptUrl: `${url}${SCRIPT_PATH}`,
    seed: { partnerKey: SEED_IDS.token, partnerId: SEED_IDS.affiliate, programId: SEED_IDS.campaign },
    faults,
    async registerMerchantEndpoint(endpointUrl, events) {
      const id = newUuid();
      const secret = randomBytes(24).toString('hex');
      store.endpoints.set(id, { id, url: endpointUrl, events: [...events], secret });
      return { id, secret };
    },
    deliveryAttempts: () => store.attempts.map((attempt) => ({ ...attempt })),
    stop,
  };
}
