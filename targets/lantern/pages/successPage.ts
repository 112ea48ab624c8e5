import { expect, type Locator, type Page } from '@playwright/test';
import type { MerchantOrder } from '../../../src/model/target/contract';

/** /thanks?session_id=cs_…: Lantern & Co.'s order confirmation, where Checkout returns the customer after paying. */
export class SuccessPage {
  private readonly confirmed: Locator;
  private readonly notConfirmed: Locator;
  private readonly orderId: Locator;
  private readonly amount: Locator;
  private readonly status: Locator;
  private readonly payment: Locator;

  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {
    this.confirmed = page.getByRole('heading', { level: 1, name: 'Thank you for your order' });
    this.notConfirmed = page.getByRole('heading', { level: 1, name: 'We could not confirm this payment' });
    this.orderId = page.getByLabel(/^Order:?$/);
    this.amount = page.getByLabel('Amount:');
    this.status = page.getByLabel('Status:');
    this.payment = page.getByLabel('Payment:');
  }

  /** Resolves once the browser is back on the shop and the confirmation shows the order. */
  async waitUntilShown(): Promise<void> {
    const shop = new URL(this.merchantBaseUrl).origin;
    await this.page.waitForURL((url) => url.origin === shop && url.pathname === '/thanks');
    await expect(this.confirmed, 'the shop confirms the order').toBeVisible();
    await expect(this.orderId).toBeVisible();
  }

  /** Reads the order as the page shows it: its id, the Checkout Session behind it, its status and amount. */
  async readOrder(): Promise<MerchantOrder> {
    const session = await text(this.payment);
    if (!session.startsWith('cs_')) throw new Error(`The confirmation's "Payment:" shows "${session}", not a Checkout Session id (cs_…).`);
    return {
      orderId: await text(this.orderId),
      payment: { kind: 'checkout_session', id: session },
      status: await text(this.status),
      amountText: await text(this.amount),
    };
  }

  /**
   * Opens /thanks?session_id=<id> as anyone could by typing it; resolves with the order it confirms, or undefined when
   * the shop says it could not confirm the payment.
   */
  async openFor(sessionId: string): Promise<MerchantOrder | undefined> {
    const url = new URL('/thanks', this.merchantBaseUrl);
    url.searchParams.set('session_id', sessionId);
    await this.page.goto(url.toString());
    await expect(this.confirmed.or(this.notConfirmed), 'the shop answers for the payment').toBeVisible();
    if (await this.notConfirmed.isVisible()) return undefined;
    return this.readOrder();
  }

  /** Reloads the confirmation and reads the order again. */
  async reload(): Promise<MerchantOrder> {
    await this.page.reload();
    await this.waitUntilShown();
    return this.readOrder();
  }

  /** True when the browser shows this page. */
  isCurrentPage(): boolean {
    const url = new URL(this.page.url());
    return url.origin === new URL(this.merchantBaseUrl).origin && url.pathname === '/thanks';
  }
}

async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}
