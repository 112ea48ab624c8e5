import { FaultSwitches } from './faults';
import { injectionPlanFromEnv, startProvider, type InjectionPlan } from './provider/index';
import { startReferral } from './referral/index';
import { DEFAULT_SANDBOX_REFERRAL_PLATFORM, ReferralPlatformChoiceError, type SandboxReferralPlatform } from './referralPlatformChoice';
import { startReferralPlatform } from './startReferralPlatform';
import { startShop } from './shop/index';
import { startEmbeddedShop } from './embedded-shop/index';
import type { CloudPosture } from './cloudPosture';
import { WebhookReach } from './webhookReach';

export { FaultSwitches, FAULT_NAMES, type FaultName } from './faults';
export { startProvider, startReferral, startShop, startEmbeddedShop };
export { DEMO_PLAN, DEMO_PRODUCT, DEMO_PRODUCTS, DEMO_ZERO_DECIMAL_PRODUCT, SHOP_WEBHOOK_EVENTS } from './shop/index';
export { PROVIDER_EVENT_TYPES as REFERRAL_PROVIDER_EVENT_TYPES } from './referral/providerEvents';
export type { InjectionPlan, InjectionRecord, ProviderMode, ProviderOptions, RunningProvider, WebhookAttempt } from './provider/index';
export { InjectionPlanError, INJECTION_VARIABLE, injectionPlanFromEnv } from './provider/index';
export type { ReferralMode, ReferralOptions, RunningReferral } from './referral/index';
export type { ShopOptions, RunningShop } from './shop/index';
export { CLOUD_VARIABLE, CloudPostureError, cloudPostureFromEnv, REACHABLE_VARIABLE, type CloudPosture } from './cloudPosture';
export { SHOP_REFERRAL_WEBHOOK_EVENTS, SHOP_REFERRAL_ENDPOINT_METADATA } from './shop/referralWebhookEndpoint';
export { SHOP_API_VERSION_VARIABLE, ShopApiVersionError, shopApiVersionFromEnv } from './shop/apiVersionFromEnv';
export {
  DEFAULT_SANDBOX_REFERRAL_PLATFORM,
  isSandboxReferralPlatform,
  REFERRAL_PLATFORM_VARIABLE,
  ReferralPlatformChoiceError,
  referralPlatformFromEnv,
  referralPlatformNamed,
  SANDBOX_REFERRAL_PLATFORMS,
  type SandboxReferralPlatform,
} from './referralPlatformChoice';
export { REFERRAL_PLATFORM_SEEDS } from './referralPlatformSeeds';
export { EMBEDDED_SHOP_WEBHOOK_EVENTS, KISSA_MATCHA_SET, KISSA_PLAN, KISSA_PRODUCTS, KISSA_SENCHA } from './embedded-shop/index';
export type { EmbeddedShopOptions, RunningEmbeddedShop } from './embedded-shop/index';

export const DEFAULT_SANDBOX_PORTS = { provider: 12111, referral: 4100, shop: 4242, embeddedShop: 4243 } as const;

export type SandboxService = keyof typeof DEFAULT_SANDBOX_PORTS;

export type SandboxMode = 'test' | 'live';

/**
 * The merchants the sandbox can serve: `shop`, the demo shop (hosted Checkout, `?via=` links, admin-UI refunds, USD),
 * and `embeddedShop`, Kissa (the Payment Element in its own page, `?ref=` links, refunds through its API, JPY).
 */
export type SandboxMerchant = 'shop' | 'embeddedShop';

export interface SandboxOptions {
  /** `live` starts provider and referral platform with their live sandbox key pairs (default `test`). */
  mode?: SandboxMode;
  /**
   * The referral platform to run (default `dress-rehearsal`, the sandbox's own): `rewardful` or `dub` start that
   * platform's emulation (sandbox/rewardful/, sandbox/dub/), subscribed to the provider's events as its Stripe
   * integration is, and the demo shop carries its tracking snippet, hands it the referral its documented way and
   * verifies its webhook signatures. `referralPlatformFromEnv` reads it from SANDBOX_REFERRAL_PLATFORM.
   */
  referralPlatform?: SandboxReferralPlatform;
  providerPort?: number;
  shopPort?: number;
  referralPort?: number;
  embeddedShopPort?: number;
  /**
   * Which merchants to start (default `['shop']`); each registers its own webhook endpoint at the provider. `[]`:
   * none, the provider and the referral platform only, for a merchant that runs elsewhere (`--no-merchant`).
   */
  merchants?: SandboxMerchant[];
  /** The provider account's default API version, as Stripe's dashboard sets it (default: the SDK's pinned version). */
  apiVersion?: string;
  /**
   * The API version the demo shop's code is pinned to: its SDK client, its webhook endpoint and how it reads moved
   * fields (default: the SDK's own). Independent of `apiVersion`: a merchant wholly on an old version sets both.
   */
  shopApiVersion?: string;
  /**
   * Sandbox-only: webhook signing secrets derived from the endpoint's URL, the same after a restart (see
   * ProviderOptions.stableWebhookSecrets); `npm run sandbox -- --no-merchant` turns it on.
   */
  stableWebhookSecrets?: boolean;
  faults?: FaultSwitches;
  webhookRetry?: { firstDelayMs: number; factor: number; maxAttempts: number };
  /**
   * The provider's fault injection plan from the start (see sandbox/provider/README.md). Undefined: read from the
   * `SANDBOX_INJECTION` environment variable (JSON; invalid → InjectionPlanError before anything starts); null: none.
   */
  injection?: InjectionPlan | null;
  /**
   * Play cloud: the provider and the referral platform deliver webhooks only where a service on the internet could,
   * that is to the merchants this sandbox starts, to each other, and to `reachable` (origins or `host:port`; a bad
   * entry throws CloudPostureError before anything starts). Any other endpoint gets no request: its attempts fail as
   * unreachable in both delivery logs and are retried as network failures. `cloudPostureFromEnv` reads it from
   * SANDBOX_CLOUD and SANDBOX_REACHABLE. Absent: offline, every endpoint on this machine is reached.
   */
  cloud?: CloudPosture;
}

/** The services every sandbox runs. */
interface SandboxServices {
  mode: SandboxMode;
  provider: { url: string; secretKey: string; publishableKey: string };
  /**
   * The referral platform: which one, where, its secret API key (`apiKey`: ours `sk_…`, Rewardful's API Secret, Dub's
   * `dub_…`) and the public key its snippet carries; `providerWebhook`: its Stripe integration's endpoint at the
   * provider and the events it needs.
   */
  referral: {
    platform: SandboxReferralPlatform;
    url: string;
    apiKey: string;
    publishableKey: string;
    providerWebhook: { url: string; events: string[] };
  };
  faults: FaultSwitches;
  /** Set when the sandbox plays cloud: every `host:port` its webhooks can reach (its own services and merchants included). */
  cloud?: { reachable: string[] };
  /** Closes the servers in reverse start order (each cancels its pending retry timers). */
  stop(): Promise<void>;
}

/** Where each merchant runs and its secrets (never log them). */
export interface SandboxMerchants {
  /** `webhookSecret`: the signing secret (`whsec_…`) of the shop's provider webhook endpoint. */
  shop: { url: string; adminKey: string; webhookSecret: string };
  /** `apiKey`: the merchant API's key; `webhookSecret`: its provider webhook endpoint's signing secret. */
  embeddedShop: { url: string; apiKey: string; webhookSecret: string };
}

/**
 * A running sandbox with the merchants `M` it was started with (by default the demo shop only): those are
 * present, the others absent.
 */
export type RunningSandbox<M extends SandboxMerchant = 'shop'> = SandboxServices &
  Pick<SandboxMerchants, M> &
  Partial<Omit<SandboxMerchants, M>>;

/** A service that did not start; `cause` is the original error (e.g. code EADDRINUSE). */
export class SandboxStartError extends Error {
  constructor(
    readonly service: SandboxService,
    readonly port: number,
    override readonly cause: unknown,
  ) {
    super(`The sandbox ${service} did not start on 127.0.0.1:${port}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'SandboxStartError';
  }

  get portInUse(): boolean {
    return (this.cause as { code?: string } | undefined)?.code === 'EADDRINUSE';
  }
}

const HOST = '127.0.0.1';

/**
 * Starts the offline world: provider, then referral platform (`options.referralPlatform`: ours, Rewardful's or Dub's
 * emulation; it registers its webhook endpoint at the provider), then the merchants (`options.merchants`, default the demo shop; `[]` none; the demo shop also registers its
 * own webhook endpoint at the referral platform), all on 127.0.0.1 and sharing one set of fault switches (so the
 * referral platform's `POST /_sandbox/faults` flips them for all). With `cloud`, each service's origin is added to
 * where webhooks can reach as it starts. If one fails, the ones already running are stopped before the error is thrown.
 */
export async function startSandbox<M extends SandboxMerchant = 'shop'>(
  options: SandboxOptions & { merchants?: M[] } = {},
): Promise<RunningSandbox<M>> {
  const merchants = new Set<SandboxMerchant>(options.merchants ?? ['shop']);
  const referralPlatform = options.referralPlatform ?? DEFAULT_SANDBOX_REFERRAL_PLATFORM;
  if (referralPlatform !== DEFAULT_SANDBOX_REFERRAL_PLATFORM && merchants.has('embeddedShop')) {
    // Kissa's snippet and referral calls are written for the sandbox's own platform only.
    throw new ReferralPlatformChoiceError(
      `The embedded shop (Kissa) works with the sandbox's own referral platform only, not ${referralPlatform}: start it without a referral platform, or start the demo shop.`,
    );
  }
  const faults = options.faults ?? new FaultSwitches();
  const mode = options.mode ?? 'test';
  const injection = options.injection === undefined ? injectionPlanFromEnv(process.env) : options.injection;
  const reach = options.cloud ? WebhookReach.cloud(options.cloud.reachable) : WebhookReach.everywhere();
  const ports = {
    provider: options.providerPort ?? DEFAULT_SANDBOX_PORTS.provider,
    referral: options.referralPort ?? DEFAULT_SANDBOX_PORTS.referral,
    shop: options.shopPort ?? DEFAULT_SANDBOX_PORTS.shop,
    embeddedShop: options.embeddedShopPort ?? DEFAULT_SANDBOX_PORTS.embeddedShop,
  };
  const running: { service: SandboxService; close(): Promise<void> }[] = [];
  const stopAll = async () => {
    const failures: unknown[] = [];
    for (const { close } of running.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, 'Some sandbox services did not stop cleanly.');
  };
  const start = async <T extends { close(): Promise<void> }>(service: SandboxService, run: () => Promise<T>): Promise<T> => {
    try {
      const started = await run();
      running.push({ service, close: () => started.close() });
      return started;
    } catch (error) {
      await stopAll().catch(() => undefined);
      throw new SandboxStartError(service, ports[service], error);
    }
  };

  const provider = await start('provider', () =>
    startProvider({
      mode,
      host: HOST,
      port: ports.provider,
      webhookRetry: options.webhookRetry,
      faults,
      injection,
      webhookReach: reach,
      ...(options.apiVersion !== undefined ? { apiVersion: options.apiVersion } : {}),
      ...(options.stableWebhookSecrets ? { stableWebhookSecrets: true } : {}),
    }),
  );
  const referral = await start('referral', () =>
    startReferralPlatform({
      platform: referralPlatform,
      mode,
      host: HOST,
      port: ports.referral,
      provider: { url: provider.url, secretKey: provider.secretKey },
      faults,
      ...(options.webhookRetry ? { webhookRetry: options.webhookRetry } : {}),
      reach,
    }),
  );
  // Cloud to cloud: the provider delivers to the referral platform's provider-webhook endpoint.
  reach.allow(provider.url);
  reach.allow(referral.url);
  const started: Partial<SandboxMerchants> = {};
  if (merchants.has('shop')) {
    const shop = await start('shop', () =>
      startShop({
        host: HOST,
        port: ports.shop,
        providerUrl: provider.url,
        providerSecretKey: provider.secretKey,
        referralUrl: referral.url,
        referralPublishableKey: referral.publishableKey,
        referralSecretKey: referral.apiKey,
        ...(referral.forShop ? { referralPlatform: referral.forShop } : {}),
        faults,
        ...(options.shopApiVersion !== undefined ? { apiVersion: options.shopApiVersion } : {}),
      }),
    );
    reach.allow(shop.url);
    started.shop = { url: shop.url, adminKey: shop.adminKey, webhookSecret: shop.webhookSecret };
  }
  if (merchants.has('embeddedShop')) {
    const embeddedShop = await start('embeddedShop', () =>
      startEmbeddedShop({
        host: HOST,
        port: ports.embeddedShop,
        providerUrl: provider.url,
        providerSecretKey: provider.secretKey,
        providerPublishableKey: provider.publishableKey,
        referralUrl: referral.url,
        referralPublishableKey: referral.publishableKey,
        referralSecretKey: referral.apiKey,
      }),
    );
    reach.allow(embeddedShop.url);
    started.embeddedShop = { url: embeddedShop.url, apiKey: embeddedShop.apiKey, webhookSecret: embeddedShop.webhookSecret };
  }

  return {
    mode,
    provider: { url: provider.url, secretKey: provider.secretKey, publishableKey: provider.publishableKey },
    referral: {
      platform: referral.platform,
      url: referral.url,
      apiKey: referral.apiKey,
      publishableKey: referral.publishableKey,
      providerWebhook: referral.providerWebhook,
    },
    ...started,
    faults,
    ...(reach.playsCloud ? { cloud: { reachable: reach.reachable } } : {}),
    stop: stopAll,
  } as RunningSandbox<M>;
}
