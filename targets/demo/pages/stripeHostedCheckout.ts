import { expect, type Locator, type Page } from '@playwright/test';
import type { Card, Customer, FilledPaymentPage } from '../../../src/target/contract';

/**
 * Stripe's hosted Checkout page, by the field names Stripe's own page uses, so the same page object drives the
 * sandbox's copy and real Stripe in test mode. It knows nothing of the merchant.
 */
export class StripeHostedCheckout {
  private readonly email: Locator;
  private readonly cardNumber: Locator;
  private readonly cardExpiry: Locator;
  private readonly cardCvc: Locator;
  private readonly billingName: Locator;
  private readonly billingCountry: Locator;
  private readonly billingPostalCode: Locator;
  private readonly payWithCardToggle: Locator;
  private readonly submitButton: Locator;

  constructor(private readonly page: Page) {
    this.email = page.locator('input[name=email]');
    this.cardNumber = page.locator('input[name=cardNumber]');
    this.cardExpiry = page.locator('input[name=cardExpiry]');
    this.cardCvc = page.locator('input[name=cardCvc]');
    this.billingName = page.locator('input[name=billingName]');
    this.billingCountry = page.locator('select[name=billingCountry]');
    this.billingPostalCode = page.locator('input[name=billingPostalCode]');
    // When wallets are offered, Stripe collapses the card form behind a "Pay with card" button.
    this.payWithCardToggle = page
      .getByRole('button', { name: /pay with card/i })
      .or(page.locator('[data-testid=card-accordion-item-button]'));
    this.submitButton = page.locator('[data-testid=hosted-payment-submit-button]');
  }

  async fill(card: Card, customer: Customer): Promise<FilledPaymentPage> {
    await this.showCardForm();
    await this.fillEmailIfAsked(customer.email);
    await this.cardNumber.fill(card.number);
    await this.cardExpiry.fill(card.expiry);
    await this.cardCvc.fill(card.cvc);
    await this.billingName.fill(customer.name);
    if (await this.billingCountry.isVisible()) await this.billingCountry.selectOption(customer.billingCountry);
    // Stripe asks for a postal code only for some countries.
    if (await this.billingPostalCode.isVisible()) await this.billingPostalCode.fill(customer.billingPostalCode);
    return { cardFields: this.cardFields() };
  }

  async submit(): Promise<void> {
    await this.submitButton.click();
  }

  /** The fields holding card data, to mask in screenshots. */
  cardFields(): Locator[] {
    return [this.cardNumber, this.cardExpiry, this.cardCvc];
  }

  private async showCardForm(): Promise<void> {
    await expect(this.cardNumber.or(this.payWithCardToggle).first(), 'the payment page shows a card form').toBeVisible();
    if (!(await this.cardNumber.isVisible())) await this.payWithCardToggle.first().click();
    await expect(this.cardNumber).toBeVisible();
  }

  /** Stripe shows the email as read-only text when the merchant already passed `customer_email`. */
  private async fillEmailIfAsked(email: string): Promise<void> {
    if (!(await this.email.isVisible()) || !(await this.email.isEditable())) return;
    if ((await this.email.inputValue()) === '') await this.email.fill(email);
  }
}
