import { expect, type Page } from '@playwright/test';
import type { MerchantOrder, MerchantSubscription } from '../../../src/model/target/contract';

/** Kissa's success page (`/orders/complete?payment_intent=…`): an order, or a Tea Club sign-up. */
export class CompletePage {
  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {}

  async waitUntilShown(): Promise<void> {
    const origin = new URL(this.merchantBaseUrl).origin;
    await this.page.waitForURL((url) => url.origin === origin && url.pathname === '/orders/complete');
    await expect(
      this.page.getByTestId('order-id').or(this.page.getByTestId('subscription-id')).first(),
      'the success page shows the order',
    ).toBeVisible();
  }

  /** Reloads the page (F5) and waits until it shows the order again. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitUntilShown();
  }

  async readOrder(): Promise<MerchantOrder> {
    await expect(this.page.getByTestId('order-id'), 'the success page shows the order').toBeVisible();
    const confirmations = Number(await this.text('confirmation-emails'));
    return {
      orderId: await this.text('order-id'),
      payment: { kind: 'payment_intent', id: await this.text('payment-intent-id') },
      status: await this.text('order-status'),
      amountText: await this.text('order-amount'),
      ...(Number.isInteger(confirmations) ? { confirmationEmails: confirmations } : {}),
    };
  }

  async readSubscription(): Promise<MerchantSubscription> {
    await expect(this.page.getByTestId('subscription-id'), 'the success page shows the subscription').toBeVisible();
    return { subscriptionId: await this.text('subscription-id'), status: await this.text('subscription-status') };
  }

  /**
   * Opens the success page for a payment intent, as anyone can by typing its URL; resolves with the order it
   * confirms, or undefined when it confirms none (pending, not received, or not Kissa's).
   */
  async openFor(paymentIntentId: string): Promise<MerchantOrder | undefined> {
    const url = new URL('/orders/complete', this.merchantBaseUrl);
    url.searchParams.set('payment_intent', paymentIntentId);
    await this.page.goto(url.toString());
    const confirmed = this.page.getByTestId('order-id');
    const none = this.page
      .getByTestId('payment-not-confirmed')
      .or(this.page.getByTestId('payment-pending'))
      .or(this.page.getByTestId('error-page'));
    await expect(confirmed.or(none).first(), 'the success page answers').toBeVisible();
    return (await confirmed.count()) > 0 ? this.readOrder() : undefined;
  }

  private async text(testId: string): Promise<string> {
    return ((await this.page.getByTestId(testId).textContent()) ?? '').trim();
  }
}
