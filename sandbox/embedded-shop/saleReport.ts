import { isLoopbackUrl } from '../loopback';
import type { KissaOrder } from './orders';

/** How a report ended: recorded by the platform (now or before), refused for good, or worth another try later. */
export type ReportOutcome = 'reported' | 'rejected' | 'failed';

/**
 * Reports paid orders to the referral platform's conversions API (`POST /v1/conversions`, its secret key), the
 * way a merchant without hosted checkout tells its platform about a sale. The `Idempotency-Key` is derived from
 * the payment intent and the platform keeps one conversion per payment intent, so a report repeated (a redelivered
 * webhook, a retry after a lost answer) never makes a second commission.
 */
export class SaleReporter {
  /** Reports in flight, by payment intent: a second delivery of the same event waits for the first report. */
  private readonly inFlight = new Map<string, Promise<ReportOutcome>>();

  constructor(private readonly platform: { url: string; secretKey: string }) {
    if (!isLoopbackUrl(platform.url))
      throw new Error(`The embedded shop only talks to a referral platform on this machine, not ${platform.url}.`);
  }

  /** Reports the order's sale once; an order with no referral click has nothing to report. */
  report(order: KissaOrder): Promise<ReportOutcome> {
    if (order.saleReport) return Promise.resolve('conversion' in order.saleReport ? 'reported' : 'rejected');
    if (!order.referralClickId || !order.paymentIntentId) return Promise.resolve('rejected');
    const paymentIntent = order.paymentIntentId;
    const pending = this.inFlight.get(paymentIntent) ?? this.send(order, order.referralClickId, paymentIntent);
    this.inFlight.set(paymentIntent, pending);
    return pending.finally(() => this.inFlight.delete(paymentIntent));
  }

  private async send(order: KissaOrder, click: string, paymentIntent: string): Promise<ReportOutcome> {
    let response: Response;
    try {
      response = await fetch(`${this.platform.url.replace(/\/+$/, '')}/v1/conversions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.platform.secretKey}`,
          'content-type': 'application/json',
          'idempotency-key': `kissa-sale-${paymentIntent}`,
        },
        body: JSON.stringify({
          click,
          payment_intent: paymentIntent,
          amount: order.amount,
          currency: order.currency,
          customer_email: order.email,
          metadata: { order_id: order.id },
        }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      return 'failed';
    }
    const body = (await response.json().catch(() => null)) as { id?: string; error?: { code?: string } } | null;
    if (response.ok && body?.id) {
      order.saleReport = { conversion: body.id };
      return 'reported';
    }
    // A 4xx other than 429 will not change on a retry (an expired click, say); everything else may.
    if (response.status >= 400 && response.status < 500 && response.status !== 429) {
      order.saleReport = { rejected: body?.error?.code ?? `HTTP ${response.status}` };
      return 'rejected';
    }
    return 'failed';
  }
}
