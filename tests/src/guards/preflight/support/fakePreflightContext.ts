import type Stripe from 'stripe';
import type { PreflightContext } from '../../../../../src/guards/preflight/index';
import type { PreflightMode } from '../../../../../src/guards/preflight/types';
import { listReferralWebhookEndpoints } from '../../../../../src/guards/preflight/referralEndpoints';
import type { ReferralPlatform } from '../../../../../src/model/target/referralPlatform';
import type { ReferralDelivery, ReferralList, ReferralPing, ReferralWebhookEndpoint } from '../../../../../contracts/referral';
import type { Target, TargetEnvironment } from '../../../../../src/model/target/contract';
import { HARNESS_ENDPOINT_METADATA } from '../../../../../src/run/webhooks/harnessEndpoint';
import paymentOnlyDemo from '../../../../support/targets/payment-only-demo/target';
import { demoTarget } from '../../../../../targets/demo/target';

/** What a fake endpoint does with a ping: answers with a status, gets no answer (an error), or never shows in the log. */
export type PingAnswer = { status: number; body?: string } | { error: string } | 'never logged';

/** A referral platform endpoint for a fake: enabled, the merchant's own unless `harness`. */
export function referralEndpoint(id: string, url: string, options: { harness?: boolean; status?: string } = {}): ReferralWebhookEndpoint {
  return {
    id,
    object: 'webhook_endpoint',
    url,
    enabled_events: ['*'],
    status: options.status ?? 'enabled',
    metadata: options.harness ? { ...HARNESS_ENDPOINT_METADATA } : {},
    created: 1_760_000_000,
  };
}

/**
 * A referral platform in memory: its endpoints, and for each a ping answer. A ping's attempt shows in the delivery
 * log from the second read of it on (so the check has to wait for it), as a sender that attempts after answering does.
 */
export class FakeReferralPlatform {
  readonly pinged: string[] = [];
  deliveryReads = 0;
  private readonly deliveries: Array<{ visibleFromRead: number; delivery: ReferralDelivery }> = [];

  constructor(
    readonly endpoints: ReferralWebhookEndpoint[],
    private readonly answers: Record<string, PingAnswer> = {},
  ) {}

  /** The platform as the checks see it; `withPing: false` leaves the ping API out, as an adapter without one does. */
  platform(options: { withPing?: boolean } = {}): ReferralPlatform {
    const refuse = async (): Promise<never> => {
      throw new Error('not used by these checks');
    };
    return {
      listClicks: refuse,
      retrieveClick: refuse,
      listConversions: refuse,
      retrieveConversion: refuse,
      listCommissions: refuse,
      retrieveCommission: refuse,
      retrieveProgram: refuse,
      listPartners: refuse,
      createWebhookEndpoint: refuse,
      deleteWebhookEndpoint: refuse,
      listWebhookEndpoints: async () => list(this.endpoints),
      listDeliveries: async (params) => {
        this.deliveryReads += 1;
        const visible = this.deliveries.filter((entry) => entry.visibleFromRead <= this.deliveryReads).map((entry) => entry.delivery);
        return list(visible.filter((delivery) => params?.message_id === undefined || delivery.message_id === params.message_id));
      },
      ...(options.withPing === false ? {} : { pingWebhookEndpoint: async (id: string) => this.ping(id) }),
    };
  }

  private async ping(id: string): Promise<ReferralPing> {
    const endpoint = this.endpoints.find((candidate) => candidate.id === id);
    if (!endpoint) throw new Error(`No such webhook endpoint: '${id}'`);
    this.pinged.push(id);
    const message = `msg_ping_${this.pinged.length}`;
    const answer = this.answers[id] ?? { status: 200 };
    if (answer !== 'never logged') {
      const got = 'status' in answer;
      this.deliveries.push({
        visibleFromRead: this.deliveryReads + 2,
        delivery: {
          id: `dlv_${this.pinged.length}`,
          object: 'delivery',
          message_id: message,
          event_type: 'ping',
          object_id: null,
          endpoint: id,
          attempt: 1,
          trigger: 'ping',
          url: endpoint.url,
          response_status: got ? answer.status : null,
          response_body: got ? (answer.body ?? '') : null,
          duration_ms: 12,
          status: got && answer.status >= 200 && answer.status < 300 ? 'success' : 'failed',
          attempted_at: 1_760_000_100,
          next_attempt_at: null,
          error: got ? null : answer.error,
        },
      });
    }
    return { id: message, object: 'message', type: 'ping', endpoint: id };
  }
}

function list<T>(data: T[]): ReferralList<T> {
  return { object: 'list', data: [...data], has_more: false, url: '/v1/fake' };
}

/** A provider webhook endpoint for a fake context. */
export function providerEndpoint(id: string, url: string, status: 'enabled' | 'disabled' = 'enabled'): Stripe.WebhookEndpoint {
  return {
    id,
    object: 'webhook_endpoint',
    url,
    status,
    enabled_events: ['*'],
    api_version: null,
    livemode: false,
  } as unknown as Stripe.WebhookEndpoint;
}

/**
 * A preflight context with no network: the provider's endpoints as given, the referral platform as given (or none,
 * for `paymentOnly`). Not a real context: only what the reachability checks read.
 */
export function fakePreflightContext(options: {
  mode?: PreflightMode;
  providerApiBase: string;
  providerEndpoints?: Stripe.WebhookEndpoint[];
  referralApiBase?: string;
  referral?: ReferralPlatform;
  paymentOnly?: boolean;
}): PreflightContext {
  const target: Target = options.paymentOnly ? paymentOnlyDemo : demoTarget;
  const referral = options.referral;
  const environment = {
    merchant: { baseUrl: 'https://shop.example.com', webhook: { url: 'https://shop.example.com/webhooks/stripe' } },
    provider: { apiBase: options.providerApiBase, secretKey: 'sk_test_notreal_000000', publishableKey: 'pk_test_notreal' },
    ...(options.paymentOnly
      ? {}
      : {
          referral: { apiBase: options.referralApiBase ?? 'https://api.referral.example', secretKey: 'rk_fake', publishableKey: 'pk_fake' },
        }),
    requiredWebhookEndpoints: [],
    release: async () => {},
  } as unknown as TargetEnvironment;
  let referralEndpoints: Promise<ReferralWebhookEndpoint[]> | undefined;
  return {
    runId: 'preflight-fake',
    mode: options.mode ?? 'test',
    target,
    environment,
    referral,
    webhookAnswerLimitMs: 10_000,
    secrets: [],
    webhookEndpoints: async () => options.providerEndpoints ?? [],
    referralWebhookEndpoints() {
      if (!referral) return Promise.reject(new Error('this fake context has no referral platform'));
      referralEndpoints ??= listReferralWebhookEndpoints(referral);
      return referralEndpoints;
    },
  } as unknown as PreflightContext;
}
