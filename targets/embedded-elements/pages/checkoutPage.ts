import { expect, type Locator, type Page } from '@playwright/test';
import type { Card, Customer, FilledPaymentPage, PaymentProblem, PaymentReference } from '../../../src/model/target/contract';
import { StripePaymentElement } from '../../../src/run/pages/stripePaymentElement';

/**
 * Kissa's checkout page: the provider's Payment Element (filled by StripePaymentElement) in the shop's own page,
 * the shop's Pay button and its message area, where the shop shows what Stripe.js answers when a payment fails.
 */
export class CheckoutPage {
  private readonly form: Locator;
  private readonly payButton: Locator;
  private readonly message: Locator;
  private readonly element: StripePaymentElement;

  constructor(
    private readonly page: Page,
    private readonly merchantBaseUrl: string,
  ) {
    this.form = page.getByTestId('payment-form');
    this.payButton = page.getByTestId('pay-button');
    this.message = page.getByTestId('payment-message');
    this.element = new StripePaymentElement(page, page.getByTestId('payment-element'));
  }

  /** Fills the Payment Element; returns the card fields to mask and the payment intent the page confirms. */
  async fill(card: Card, customer: Customer): Promise<FilledPaymentPage> {
    await expect(this.form, "Kissa's checkout page shows the payment form").toBeVisible();
    const filled = await this.element.fill(card, customer);
    return { ...filled, payment: filled.payment ?? (await this.payment()) };
  }

  /** The payment intent the page confirms, as the shop's form names it. */
  async payment(): Promise<PaymentReference | undefined> {
    const id = await this.form.getAttribute('data-payment-intent');
    return id ? { kind: 'payment_intent', id } : undefined;
  }

  /** Clicks the shop's Pay button; resolves once the browser is on the shop's success page (the return URL). */
  async pay(): Promise<void> {
    const merchantOrigin = new URL(this.merchantBaseUrl).origin;
    await Promise.all([
      this.page.waitForURL((url) => url.origin === merchantOrigin && url.pathname === '/orders/complete', { timeout: 30_000 }),
      this.payButton.click(),
    ]);
  }

  /**
   * Clicks Pay expecting the payment not to go through: answers the bank's 3-D Secure challenge if it appears,
   * then resolves with the message the shop shows in its message area (Stripe.js's `error.message`).
   */
  async payExpectingDecline(threeDSecure: 'complete' | 'fail' = 'fail'): Promise<PaymentProblem> {
    await this.payButton.click();
    const challenge = this.element.threeDSecureChallenge();
    // Whichever shows first: the message area (empty, so hidden, until the shop writes into it) or the bank's challenge.
    await expect(this.message.or(challenge).filter({ visible: true }).first(), 'the checkout page answers the payment').toBeVisible({
      timeout: 20_000,
    });
    if (await challenge.isVisible()) await this.element.answerThreeDSecure(threeDSecure);
    await expect(this.message, 'the checkout page tells the customer the payment did not go through').not.toBeEmpty({ timeout: 20_000 });
    await expect(this.payButton, 'the customer can try again').toBeEnabled();
    const url = new URL(this.page.url());
    return { message: ((await this.message.textContent()) ?? '').trim(), page: `${url.origin}${url.pathname}` };
  }

  cardFields(): Locator[] {
    return this.element.cardFields();
  }
}
