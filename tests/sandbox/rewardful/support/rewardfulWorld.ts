import Stripe from 'stripe';
import { test as base, expect } from '@playwright/test';
import { FaultSwitches } from '../../../../sandbox/faults';
import { startProvider, type RunningProvider } from '../../../../sandbox/provider';
import { startRewardful, type RewardfulFaultName, type RewardfulOptions, type RunningRewardful } from '../../../../sandbox/rewardful';
import { payHostedCheckout } from '../../support/payHostedCheckout';
import { startWebhookReceiver, type ReceivedWebhook } from '../../referral/support/webhookReceiver';

export { expect };

/** Retries short enough for a test to watch every attempt. */
export const FAST = { firstDelayMs: 50, factor: 2, maxAttempts: 3 };

/** A merchant endpoint for Rewardful's webhooks; answers `status(n)` to the n-th request (1-based). */
export interface Receiver {
  url: string;
  /** The endpoint's signing secret, as the dashboard shows it. */
  secret: string;
  received: ReceivedWebhook[];
  /** The parsed bodies' event types, in arrival order. */
  types(): string[];
}

export interface RewardfulWorld {
  provider: RunningProvider;
  rewardful: RunningRewardful;
  stripe: Stripe;
  /** GET on Rewardful's API with Basic auth (the API Secret, or `secret`). */
  get<T = any>(path: string, secret?: string): Promise<{ status: number; headers: Headers; body: T }>;
  /** POST a form-encoded body, as Rewardful's API takes them. */
  postForm<T = any>(path: string, form: Record<string, string>): Promise<{ status: number; body: T }>;
  /** A visit through `?via=<token>` as the script records it; the referral id. */
  visit(token?: string): Promise<string>;
  /** A customer pays a $20 hosted Checkout whose client_reference_id is `referral`; the completed session. */
  payCheckout(referral: string | null, amount?: number): Promise<Stripe.Checkout.Session>;
  receiver(status?: (n: number) => number): Promise<Receiver>;
}

export interface WorldOptions {
  rewardfulFaults?: RewardfulFaultName[];
  rateLimit?: RewardfulOptions['rateLimit'];
}

async function startReceiver(status: (n: number) => number): Promise<Omit<Receiver, 'secret'> & { close(): Promise<void> }> {
  const receiver = await startWebhookReceiver((n) => ({ status: status(n) }));
  return {
    ...receiver,
    types: () => receiver.received.map((r) => (JSON.parse(r.body) as { event: { type: string } }).event.type),
  };
}

/** A sandbox provider and the Rewardful emulation subscribed to it; `start` takes the emulation's options. */
export const test = base.extend<{ startWorld: (options?: WorldOptions) => Promise<RewardfulWorld> }>({
  startWorld: async ({}, use) => {
    const closers: Array<() => Promise<void>> = [];
    await use(async (options = {}) => {
      const provider = await startProvider({ port: 0, webhookRetry: FAST });
      closers.push(() => provider.close());
      const rewardful = await startRewardful({
        port: 0,
        provider: { url: provider.url, secretKey: provider.secretKey },
        faults: new FaultSwitches(),
        webhookRetry: FAST,
        ...(options.rewardfulFaults ? { rewardfulFaults: options.rewardfulFaults } : {}),
        ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
      });
      closers.push(() => rewardful.stop());
      const { port } = new URL(provider.url);
      const stripe = new Stripe(provider.secretKey, { host: '127.0.0.1', port: Number(port), protocol: 'http' });
      const basic = (secret: string) => `Basic ${Buffer.from(`${secret}:`).toString('base64')}`;
      const world: RewardfulWorld = {
        provider,
        rewardful,
        stripe,
        async get(path, secret = rewardful.secretKey) {
          const response = await fetch(`${rewardful.url}${path}`, { headers: { authorization: basic(secret) } });
          return { status: response.status, headers: response.headers, body: await response.json() };
        },
        async postForm(path, form) {
          const response = await fetch(`${rewardful.url}${path}`, {
            method: 'POST',
            headers: { authorization: basic(rewardful.secretKey), 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(form),
          });
          return { status: response.status, body: await response.json() };
        },
        async visit(token = rewardful.seed.partnerKey) {
          const response = await fetch(`${rewardful.url}/_sandbox/rw/referrals`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ key: rewardful.publishableKey, token, url: `http://127.0.0.1:9/?via=${token}` }),
          });
          expect(response.status, 'the visit is recorded').toBe(200);
          return ((await response.json()) as { referral: { id: string } }).referral.id;
        },
        async payCheckout(referral, amount = 2000) {
          const session = await stripe.checkout.sessions.create({
            mode: 'payment',
            line_items: [
              { quantity: 1, price_data: { currency: 'usd', unit_amount: amount, product_data: { name: 'Rehearsal T-shirt' } } },
            ],
            success_url: 'http://127.0.0.1:9/success?session_id={CHECKOUT_SESSION_ID}',
            ...(referral ? { client_reference_id: referral } : {}),
          });
          const paid = await payHostedCheckout(provider.url, session.id);
          expect(paid.status, 'the hosted page takes the payment').toBe(303);
          return stripe.checkout.sessions.retrieve(session.id);
        },
        async receiver(status = () => 200) {
          const receiver = await startReceiver(status);
          closers.push(() => receiver.close());
          const { secret } = await rewardful.registerMerchantEndpoint(receiver.url, ['*']);
          return { ...receiver, secret };
        },
      };
      return world;
    });
    for (const close of closers.reverse()) await close();
  },
});
