/**
 * Lantern & Co.'s order API (what its back office calls): refund an order, read an order. Bearer MERCHANT_ADMIN_KEY
 * (the shop's LANTERN_ADMIN_KEY). The key is sent, never logged or put in an error.
 */
export class OrderApi {
  constructor(
    private readonly merchantBaseUrl: string,
    private readonly adminKey: string | undefined,
  ) {}

  /**
   * Refunds what is not yet refunded of the order, then resolves with the order's status as the shop's order API
   * shows it, once that is `refunded` (or when `timeoutMs` is over: the status it shows then).
   */
  async refund(orderId: string, options: { timeoutMs?: number } = {}): Promise<{ status: string }> {
    const path = `/api/orders/${encodeURIComponent(orderId)}`;
    const answer = await this.call('POST', `${path}/refund`);
    // 200: Stripe says the charge is fully refunded; 202: the refund is still pending at Stripe.
    if (answer.status !== 200 && answer.status !== 202) {
      throw new Error(`Lantern's refund API answered ${answer.status} for order ${orderId}: ${describe(answer.body)}`);
    }
    const deadline = Date.now() + (options.timeoutMs ?? 15_000);
    for (let wait = 100; ; wait = Math.min(wait * 1.5, 1_000)) {
      const order = await this.call('GET', path);
      if (order.status !== 200)
        throw new Error(`Lantern's order API answered ${order.status} for order ${orderId}: ${describe(order.body)}`);
      const status = String((order.body as { status?: unknown }).status);
      if (status === 'refunded' || Date.now() >= deadline) return { status };
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async call(method: 'GET' | 'POST', path: string): Promise<{ status: number; body: unknown }> {
    if (!this.adminKey)
      throw new Error(
        "MERCHANT_ADMIN_KEY is not set: the refund goes through Lantern's order API, which needs its key (LANTERN_ADMIN_KEY).",
      );
    const response = await fetch(new URL(path, this.merchantBaseUrl), {
      method,
      headers: { authorization: `Bearer ${this.adminKey}`, accept: 'application/json' },
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: response.status, body };
  }
}

function describe(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
