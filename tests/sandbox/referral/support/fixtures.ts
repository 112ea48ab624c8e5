import { test as base, expect } from '@playwright/test';
import { FaultSwitches } from '../../../../sandbox/faults';
import { startReferral, type RunningReferral } from '../../../../sandbox/referral';
import { startFakeProvider, type FakeProvider } from './fakeProvider';
import { startWebhookReceiver, type Answer, type WebhookReceiver } from './webhookReceiver';

export { expect };

/** Retries short enough for a test to watch every attempt. */
export const TEST_RETRY = { firstDelayMs: 50, factor: 2, maxAttempts: 3 };

export interface Platform extends RunningReferral {
  provider: FakeProvider;
  faults: FaultSwitches;
  /** Calls the platform's API with its secret key (or `key`). */
  api<T = any>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
    key?: string,
  ): Promise<{ status: number; headers: Headers; body: T }>;
  /** Records a click the way the snippet does. */
  click(partner: string, landingUrl?: string): Promise<{ status: number; body: any }>;
}

export interface ReferralLab {
  start(options?: { faults?: FaultSwitches; webhookRetry?: typeof TEST_RETRY }): Promise<Platform>;
  receiver(answer?: (n: number) => Answer): Promise<WebhookReceiver>;
}

export const test = base.extend<{ lab: ReferralLab }>({
  lab: async ({}, use) => {
    const closers: Array<() => Promise<void>> = [];
    await use({
      async start(options = {}) {
        const provider = await startFakeProvider();
        closers.push(() => provider.close());
        const faults = options.faults ?? new FaultSwitches();
        const running = await startReferral({
          port: 0,
          providerUrl: provider.url,
          providerSecretKey: provider.secretKey,
          faults,
          webhookRetry: options.webhookRetry ?? TEST_RETRY,
        });
        closers.push(() => running.close());
        const api: Platform['api'] = async (method, path, body, key = running.apiKey) => {
          const response = await fetch(`${running.url}${path}`, {
            method,
            headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          });
          const text = await response.text();
          return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
        };
        const click: Platform['click'] = async (partner, landingUrl = 'http://127.0.0.1:9/products/tshirt') => {
          const result = await api('POST', '/v1/clicks', { partner, landing_url: landingUrl }, running.publishableKey);
          return { status: result.status, body: result.body };
        };
        return { ...running, provider, faults, api, click };
      },
      async receiver(answer) {
        const receiver = await startWebhookReceiver(answer);
        closers.push(() => receiver.close());
        return receiver;
      },
    });
    for (const close of closers.reverse()) await close();
  },
});
