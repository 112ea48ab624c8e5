import type { BrowserContext, Request } from '@playwright/test';
import type { PaymentReference } from '../../model/target/contract';

/**
 * Where a browser's own traffic names the payment it is paying (only the path is read, never a query or a body, so
 * a client secret is never kept):
 * - a hosted Checkout page: `…/c/pay/cs_…` (Stripe's checkout.stripe.com and the sandbox's), and the page's own API
 *   calls `/v1/payment_pages/cs_…` (Stripe's hosted page) or `/v1/checkout/sessions/cs_…`;
 * - a Payment Element: Stripe.js reading or confirming its intent, `/v1/payment_intents/pi_…` and `…/confirm`.
 */
const PAYMENT_PATHS: ReadonlyArray<{ pattern: RegExp; kind: PaymentReference['kind'] }> = [
  { pattern: /\/c\/pay\/(cs_[A-Za-z0-9_]+)/, kind: 'checkout_session' },
  { pattern: /\/v1\/payment_pages\/(cs_[A-Za-z0-9_]+)/, kind: 'checkout_session' },
  { pattern: /\/v1\/checkout\/sessions\/(cs_[A-Za-z0-9_]+)/, kind: 'checkout_session' },
  { pattern: /\/v1\/payment_intents\/(pi_[A-Za-z0-9]+)/, kind: 'payment_intent' },
];

/** The payment a request's URL names, when it names one (see PAYMENT_PATHS). */
export function paymentReferenceIn(url: string): PaymentReference | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return undefined;
  }
  for (const { pattern, kind } of PAYMENT_PATHS) {
    const id = pattern.exec(pathname)?.[1];
    // A client secret in the path (`pi_…_secret_…`) is cut to the intent's id by the pattern itself.
    if (id) return { kind, id };
  }
  return undefined;
}

/**
 * Every checkout session and payment intent the test's browser opened or confirmed, in the order seen, each handed to
 * `onPayment` once (the cleanup journal, so a crash right after is still cleaned up): the run's own payments, found
 * without the customer's email.
 */
export class BrowserPaymentObserver {
  private readonly seen = new Map<string, PaymentReference>();
  private pending: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(private readonly onPayment: (payment: PaymentReference) => Promise<void>) {}

  /** Watches every request of the context: navigations, frames (the Payment Element's) and API calls. */
  attach(context: BrowserContext): void {
    context.on('request', (request: Request) => this.observe(request.url()));
  }

  observe(url: string): void {
    const payment = paymentReferenceIn(url);
    if (!payment || this.seen.has(payment.id)) return;
    this.seen.set(payment.id, payment);
    this.pending = this.pending
      .then(() => this.onPayment(payment))
      .catch((error: unknown) => {
        this.failure ??= error;
      });
  }

  /** What the browser paid or was about to pay, so far. */
  payments(): PaymentReference[] {
    return [...this.seen.values()];
  }

  /** Resolves once every payment seen so far has been handed on (journaled); rejects if handing one on failed. */
  async settled(): Promise<void> {
    await this.pending;
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what onPayment rejected with, as it was
    if (this.failure !== undefined) throw this.failure;
  }
}
