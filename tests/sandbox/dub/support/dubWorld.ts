import Stripe from 'stripe';
import { test as base } from '@playwright/test';
import { FaultSwitches } from '../../../../sandbox/faults';
import { startProvider, type RunningProvider } from '../../../../sandbox/provider';
import { startDub, type DubOptions, type RunningDub } from '../../../../sandbox/dub';
import { payHostedCheckout } from '../../support/payHostedCheckout';

const FAST = { firstDelayMs: 50, factor: 2, maxAttempts: 3 };

export interface DubWorld {
  provider: RunningProvider;
  dub: RunningDub;
  stripe: Stripe;
}

/** Starts a sandbox provider and the Dub emulation beside it (`overrides` change Dub's options). */
export async function startDubWorld(overrides: Partial<DubOptions> = {}): Promise<DubWorld & { stop(): Promise<void> }> {
  const provider = await startProvider({ port: 0, webhookRetry: FAST });
  const dub = await startDub({
    port: 0,
    provider: { url: provider.url, secretKey: provider.secretKey },
    faults: new FaultSwitches(),
    webhookRetry: FAST,
    ...overrides,
  });
  const { port } = new URL(provider.url);
  const stripe = new Stripe(provider.secretKey, { host: '127.0.0.1', port: Number(port), protocol: 'http' });
  return {
    provider,
    dub,
    stripe,
    async stop() {
      await dub.stop();
      await provider.close();
    },
  };
}

/** A Playwright test with a fresh provider + Dub per test. */
export const test = base.extend<{ world: DubWorld }>({
  world: async ({}, use) => {
    const world = await startDubWorld();
    await use(world);
    await world.stop();
  },
});

/** What the analytics script sends on `?via=<key>` from a page on `pageOrigin` (its Referer). */
export function trackClick(dub: RunningDub, options: { key?: string; pageOrigin?: string; runId?: string } = {}): Promise<Response> {
  const pageOrigin = options.pageOrigin ?? 'http://127.0.0.1:4242';
  const key = options.key ?? dub.seed.partnerKey;
  return fetch(`${dub.url}/track/click`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', referer: `${pageOrigin}/`, origin: pageOrigin },
    body: JSON.stringify({
      domain: dub.seed.domain,
      key,
      url: `${pageOrigin}/?via=${key}&utm_campaign=${options.runId ?? 'rh-test'}`,
      referrer: '',
    }),
  });
}

/** A click id from `/track/click`, or a thrown error with Dub's answer. */
export async function clickId(dub: RunningDub, options: { runId?: string } = {}): Promise<string> {
  const response = await trackClick(dub, options);
  if (!response.ok) throw new Error(`POST /track/click answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { clickId: string }).clickId;
}

/** A one-time Checkout Session for `amount` cents with `client_reference_id = dub_id_<clickId>`, paid on the hosted page. */
export async function paidCheckout(world: DubWorld, click: string, amount = 2000, currency = 'usd'): Promise<Stripe.Checkout.Session> {
  const session = await world.stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [{ quantity: 1, price_data: { currency, unit_amount: amount, product_data: { name: 'Rehearsal T-shirt' } } }],
    success_url: 'http://127.0.0.1:4242/success?session_id={CHECKOUT_SESSION_ID}',
    client_reference_id: `dub_id_${click}`,
  });
  const paid = await payHostedCheckout(world.provider.url, session.id);
  if (paid.status !== 303) throw new Error(`Paying ${session.id} answered ${paid.status}.`);
  return world.stripe.checkout.sessions.retrieve(session.id);
}

/** GET on Dub's API with its key; the parsed body and the response. */
export async function dubGet<T = unknown>(dub: RunningDub, path: string): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${dub.url}${path}`, { headers: { authorization: `Bearer ${dub.secretKey}` } });
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

/** Waits until `check` returns something (every 50 ms, at most `timeoutMs`). */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
