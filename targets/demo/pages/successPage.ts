import { expect, type Page } from '@playwright/test';
import type { MerchantOrder, MerchantSubscription, PaymentReference } from '../../../src/model/target/contract';

/** The demo shop's order confirmation (`/success?session_id=…`). */
export class SuccessPage {
  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {}

  async waitUntilShown(): Promise<void> {
    const merchantOrigin = new URL(this.merchantBaseUrl).origin;
    await this.page.waitForURL((url) => url.origin === merchantOrigin && url.pathname === '/success');
    // An order for a purchase, a subscription for a plan.
    await expect(
      this.page.getByTestId('order-id').or(this.page.getByTestId('subscription-id')).first(),
      'the success page shows the order',
    ).toBeVisible();
  }

  async readSubscription(): Promise<MerchantSubscription> {
    await expect(this.page.getByTestId('subscription-id'), 'the success page shows the subscription').toBeVisible();
    const text = async (testId: string) => ((await this.page.getByTestId(testId).textContent()) ?? '').trim();
    return { subscriptionId: await text('subscription-id'), status: await text('subscription-status') };
  }

  /** Reloads the page (as a customer pressing F5 would) and waits until it shows the order again. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitUntilShown();
  }

  async readOrder(): Promise<MerchantOrder> {
    const text = async (testId: string) => ((await this.page.getByTestId(testId).textContent()) ?? '').trim();
    return {
      orderId: await text('order-id'),
      payment: { kind: 'checkout_session', id: await text('checkout-session-id') },
      status: await text('order-status'),
      amountText: await text('order-amount'),
      ...(await this.confirmationEmails()),
    };
  }

  /**
   * Opens `/success?session_id=…` directly and reads the order it confirms; undefined when the page confirms
   * none (the shop's "We have not received your payment", or its "Order not found"). The demo shop sells through
   * hosted Checkout only: its success page knows checkout sessions, not bare payment intents.
   */
  async openFor(payment: PaymentReference): Promise<MerchantOrder | undefined> {
    if (payment.kind !== 'checkout_session') {
      throw new Error(`The demo shop's success page takes a checkout session (session_id), not ${payment.kind} ${payment.id}.`);
    }
    const url = new URL('/success', this.merchantBaseUrl);
    url.searchParams.set('session_id', payment.id);
    await this.page.goto(url.toString());
    const confirmed = this.page.getByTestId('order-id');
    const notConfirmed = this.page.getByTestId('payment-not-confirmed').or(this.page.getByTestId('error-page'));
    await expect(confirmed.or(notConfirmed).first(), 'the success page answers').toBeVisible();
    return (await confirmed.count()) > 0 ? this.readOrder() : undefined;
  }

  /** The count of confirmations sent, when the page shows it. */
  private async confirmationEmails(): Promise<{ confirmationEmails?: number }> {
    const field = this.page.getByTestId('confirmation-emails');
    if ((await field.count()) === 0) return {};
    const count = Number(((await field.textContent()) ?? '').trim());
    return Number.isInteger(count) ? { confirmationEmails: count } : {};
  }
}
