import { FaultSwitches } from '../faults';
import { accountApiVersion, API_VERSION_PATTERN } from './core/apiVersion';
import { buildApp } from './core/app';
import type { ProviderServices, Resource } from './core/services';
import { RequestLog } from './core/requestLog';
import { ObjectStore } from './core/store';
import { EventLog } from './events/eventLog';
import { registerHostedCheckout } from './hosted/checkoutPage';
import {
  checkedHostedCheckoutLayout,
  hostedCheckoutLayoutFromEnv,
  HostedCheckoutSettings,
  type HostedCheckoutLayout,
} from './hosted/hostedCheckoutLayout';
import { registerHostedCheckoutRoutes } from './hosted/hostedCheckoutRoutes';
import { registerElements } from './elements/elementsRoutes';
import { registerReceipts } from './hosted/receiptPage';
import { balanceTransactions } from './resources/balanceTransactions';
import { charges } from './resources/charges';
import { checkoutSessions } from './resources/checkoutSessions';
import { customers } from './resources/customers';
import { events } from './resources/events';
import { paymentIntents } from './resources/paymentIntents';
import { prices } from './resources/prices';
import { products } from './resources/products';
import { refunds } from './resources/refunds';
import { sandboxRoutes } from './resources/sandboxRoutes';
import { webhookEndpoints } from './resources/webhookEndpoints';
import { invoicePayments } from './resources/invoicePayments';
import { invoices } from './resources/invoices';
import { paymentMethods } from './resources/paymentMethods';
import { setupIntents } from './resources/setupIntents';
import { subscriptions } from './resources/subscriptions';
import { coupons } from './resources/coupons';
import { promotionCodes } from './resources/promotionCodes';
import { testClocks } from './resources/testClocks';
import { search } from './resources/search';
import { account } from './resources/account';
import { billingPortal } from './resources/billingPortal';
import { registerCustomerPortal } from './portal/portalRoutes';
import { WebhookDelivery, type WebhookRetry } from './webhooks/delivery';
import { stableWebhookSecret } from './webhooks/stableWebhookSecret';
import { FaultInjector } from './faultInjection/faultInjector';
import { registerFaultInjectionRoutes } from './faultInjection/faultInjectionRoutes';
import { checkedInjectionPlan } from './faultInjection/injectionFromEnv';
import type { InjectionPlan } from '../../contracts/faultPlan';
import { assertLoopbackHost } from '../loopback';
import { SANDBOX_FAST_RETRY } from '../webhookRetry';
import { WebhookReach } from '../webhookReach';

export type { WebhookRetry } from './webhooks/delivery';
export type { WebhookAttempt } from '../../contracts/webhookAttempts';
export type { InjectionPlan, InjectionRecord } from '../../contracts/faultPlan';
export { InjectionPlanError, injectionPlanFromEnv, INJECTION_VARIABLE } from './faultInjection/injectionFromEnv';
export type { HostedCheckoutLayout } from './hosted/hostedCheckoutLayout';
export { HostedCheckoutLayoutError, hostedCheckoutLayoutFromEnv, HOSTED_CHECKOUT_VARIABLE } from './hosted/hostedCheckoutLayout';

export type ProviderMode = 'test' | 'live';

export interface ProviderOptions {
  /**
   * Which default key pair to use (default `test`). The provider serves the mode of its key pair: with a live
   * pair every object and event is `livemode: true`, test cards are declined and test helpers refused.
   */
  mode?: ProviderMode;
  /** Loopback only; default `127.0.0.1`. */
  host?: string;
  /** `0` picks a free port (the sandbox's default 12111 is applied by its caller). */
  port?: number;
  secretKey?: string;
  publishableKey?: string;
  webhookRetry?: WebhookRetry;
  /** How long a webhook endpoint may take to answer; default 10 s. */
  webhookTimeoutMs?: number;
  /** Fault switches (`provider.*`), read at request time; the sandbox shares one set with every service. */
  faults?: FaultSwitches;
  /** A fault injection plan in force from the start (as `PUT /_sandbox/fault_injection` sets one); default none. */
  injection?: InjectionPlan | null;
  /**
   * The hosted Checkout page's layout from the start (as `PUT /_sandbox/hosted_checkout` sets it). Absent: read
   * from `SANDBOX_HOSTED_CHECKOUT` (JSON), else card form / 3-D Secure page. Invalid → HostedCheckoutLayoutError.
   */
  hostedCheckout?: HostedCheckoutLayout | null;
  /**
   * The account's default API version, as Stripe's dashboard sets it (Workbench → API version): events are written
   * in it and delivered in it to endpoints created without an `api_version`. Default: the SDK's pinned version.
   */
  apiVersion?: string;
  /**
   * Sandbox-only: each webhook endpoint's signing secret is derived from the secret key and the endpoint's URL
   * instead of drawn at random, so an endpoint created again for the same URL after a restart has the same
   * `whsec_…` (as `stripe listen` keeps one secret across runs). `npm run sandbox -- --no-merchant` turns it on.
   */
  stableWebhookSecrets?: boolean;
  /**
   * Where webhooks may be delivered (default: every loopback endpoint). `startSandbox({ cloud })` passes one that
   * plays cloud: endpoints the internet could not reach fail as unreachable (sandbox/webhookReach.ts).
   */
  webhookReach?: WebhookReach;
}

export interface RunningProvider {
  url: string;
  mode: ProviderMode;
  secretKey: string;
  publishableKey: string;
  /** Stops the server and cancels every pending webhook retry. */
  close(): Promise<void>;
}

export const DEFAULT_SECRET_KEY = 'sk_test_sandbox_51DressRehearsal0000';
export const DEFAULT_PUBLISHABLE_KEY = 'pk_test_sandbox_51DressRehearsal0000';
export const DEFAULT_LIVE_SECRET_KEY = 'sk_live_sandbox_51DressRehearsal0000'; // sandbox-only, fake
export const DEFAULT_LIVE_PUBLISHABLE_KEY = 'pk_live_sandbox_51DressRehearsal0000'; // sandbox-only, fake

/** The mode a key pair belongs to; a pair that mixes modes (or is not Stripe-shaped) is refused. */
export function modeOfKeys(secretKey: string, publishableKey: string): ProviderMode {
  const secret = /^(?:sk|rk)_(test|live)_/.exec(secretKey)?.[1];
  const publishable = /^pk_(test|live)_/.exec(publishableKey)?.[1];
  if (!secret) throw new Error('The sandbox provider needs a secret key starting sk_test_, sk_live_, rk_test_ or rk_live_.');
  if (!publishable) throw new Error('The sandbox provider needs a publishable key starting pk_test_ or pk_live_.');
  if (secret !== publishable)
    throw new Error(`The sandbox provider's keys mix modes: a ${secret} secret key with a ${publishable} publishable key.`);
  return secret as ProviderMode;
}

const RESOURCES: Resource[] = [
  products,
  prices,
  customers,
  checkoutSessions,
  paymentIntents,
  charges,
  refunds,
  balanceTransactions,
  events,
  webhookEndpoints,
  subscriptions,
  invoices,
  invoicePayments,
  paymentMethods,
  setupIntents,
  testClocks,
  account,
  billingPortal,
  search,
  sandboxRoutes,
  coupons,
  promotionCodes,
];

/** Starts the Stripe-compatible sandbox provider; the official `stripe` SDK works against it unchanged. */
export async function startProvider(options: ProviderOptions = {}): Promise<RunningProvider> {
  const host = options.host ?? '127.0.0.1';
  assertLoopbackHost('provider', host);
  // The default pair follows `mode`, else the secret key given (a live secret key alone gets the live publishable key).
  const live = options.mode ? options.mode === 'live' : /^(?:sk|rk)_live_/.test(options.secretKey ?? '');
  const secretKey = options.secretKey ?? (live ? DEFAULT_LIVE_SECRET_KEY : DEFAULT_SECRET_KEY);
  const publishableKey = options.publishableKey ?? (live ? DEFAULT_LIVE_PUBLISHABLE_KEY : DEFAULT_PUBLISHABLE_KEY);
  const mode = modeOfKeys(secretKey, publishableKey);
  if (options.apiVersion !== undefined && !API_VERSION_PATTERN.test(options.apiVersion)) {
    throw new Error(
      `The sandbox provider's apiVersion ${options.apiVersion} is not an API version such as 2024-06-20 or 2025-03-31.basil.`,
    );
  }
  if (options.mode && options.mode !== mode)
    throw new Error(`The sandbox provider was asked for ${options.mode} mode but given ${mode} keys.`);
  const store = new ObjectStore(mode === 'live');
  const faults = options.faults ?? new FaultSwitches();
  const injection = new FaultInjector(options.injection ? checkedInjectionPlan(options.injection, 'The injection option') : null);
  const hostedCheckout = new HostedCheckoutSettings(
    options.hostedCheckout === undefined
      ? hostedCheckoutLayoutFromEnv(process.env)
      : options.hostedCheckout && checkedHostedCheckoutLayout(options.hostedCheckout, 'The hostedCheckout option'),
  );
  const delivery = new WebhookDelivery(
    store,
    options.webhookRetry ?? SANDBOX_FAST_RETRY,
    options.webhookTimeoutMs ?? 10_000,
    injection,
    options.webhookReach ?? WebhookReach.everywhere(),
  );
  let url = '';
  const events = new EventLog(store, delivery, () => accountApiVersion(faults, options.apiVersion));
  const services: ProviderServices = {
    store,
    delivery,
    events,
    requests: new RequestLog(),
    faults,
    injection,
    baseUrl: () => url,
    ...(options.stableWebhookSecrets ? { webhookSecretFor: (endpointUrl: string) => stableWebhookSecret(secretKey, endpointUrl) } : {}),
  };

  const app = buildApp(services, { secretKey, publishableKey }, RESOURCES);
  app.get('/_sandbox/health', async () => ({ ok: true }));
  registerFaultInjectionRoutes(app, injection);
  registerHostedCheckoutRoutes(app, hostedCheckout);
  registerHostedCheckout(app, services, hostedCheckout);
  registerElements(app, services, { publishableKey });
  registerReceipts(app, services);
  registerCustomerPortal(app, services);

  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('The sandbox provider did not get a TCP address.');
  url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  return {
    url,
    mode,
    secretKey,
    publishableKey,
    async close() {
      delivery.close();
      for (const timer of store.timers) clearTimeout(timer);
      store.timers.clear();
      await app.close();
    },
  };
}
