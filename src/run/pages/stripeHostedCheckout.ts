import { expect, type Locator, type Page } from '@playwright/test';
import type { Card, Customer, FilledPaymentPage, PaymentProblem, PaymentReference } from '../../model/target/contract';
import { fillSecret } from '../../model/target/fillSecret';

/**
 * Stripe's hosted Checkout page, by the field names Stripe's own page uses, so the same page object drives the
 * sandbox's copy and real Stripe in test mode. It knows nothing of the merchant. Layouts it handles: the card form
 * at once, the card form behind a "Pay with card" accordion button, a Link sign-in prompt over the form (dismissed:
 * "Pay without Link"), and 3-D Secure as a page of its own or in a modal `stripe-challenge-frame`.
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
  private readonly payWithoutLink: Locator;
  private readonly submitButton: Locator;
  private readonly cardError: Locator;
  private readonly threeDSecurePage: Locator;
  private readonly threeDSecureFrame: Locator;
  private readonly backLink: Locator;
  private linkPromptHandled = false;

  constructor(private readonly page: Page) {
    this.email = page.locator('input[name=email]');
    this.cardNumber = page.locator('input[name=cardNumber]');
    this.cardExpiry = page.locator('input[name=cardExpiry]');
    this.cardCvc = page.locator('input[name=cardCvc]');
    this.billingName = page.locator('input[name=billingName]');
    this.billingCountry = page.locator('select[name=billingCountry]');
    this.billingPostalCode = page.locator('input[name=billingPostalCode]');
    // When wallets are offered, Stripe collapses the card form behind a "Pay with card" accordion button.
    this.payWithCardToggle = page
      .locator('[data-testid=card-accordion-item-button]')
      .or(page.getByRole('button', { name: /pay with card/i }));
    // Link offers to sign in once it knows the email; the customer can always pay without it.
    this.payWithoutLink = page.getByRole('button', { name: /pay without link/i });
    this.submitButton = page.locator('[data-testid=hosted-payment-submit-button]');
    this.cardError = page.locator('[data-testid=card-error]');
    this.threeDSecurePage = page.locator('[data-testid=three-d-secure-challenge]');
    this.threeDSecureFrame = page.locator('iframe[name=stripe-challenge-frame]');
    this.backLink = page
      .locator('[data-testid=cancel-link]')
      .or(page.getByRole('link', { name: /back/i }))
      .first();
  }

  /** Fills the card form whatever the layout (opens the accordion, dismisses Link); names the session it pays. */
  async fill(card: Card, customer: Customer): Promise<FilledPaymentPage> {
    await this.dismissLinkWheneverItAppears();
    await this.showCardForm();
    await this.fillEmailIfAsked(customer.email);
    await fillSecret(this.cardNumber, card.number);
    await fillSecret(this.cardExpiry, card.expiry);
    await fillSecret(this.cardCvc, card.cvc);
    await this.billingName.fill(customer.name);
    if (await this.billingCountry.isVisible()) await this.billingCountry.selectOption(customer.billingCountry);
    // Stripe asks for a postal code only for some countries.
    if (await this.billingPostalCode.isVisible()) await this.billingPostalCode.fill(customer.billingPostalCode);
    const payment = this.payment();
    return { cardFields: this.cardFields(), ...(payment ? { payment } : {}) };
  }

  /** The checkout session the page pays: Stripe's hosted page URL is `…/c/pay/cs_…`. */
  payment(): PaymentReference | undefined {
    const id = /\/c\/pay\/(cs_[A-Za-z0-9_]+)/.exec(new URL(this.page.url()).pathname)?.[1];
    return id ? { kind: 'checkout_session', id } : undefined;
  }

  /**
   * Submits, expecting the payment not to go through: answers a 3-D Secure challenge if one is shown, then
   * resolves with the message the page shows next to the card form.
   */
  async submitExpectingDecline(threeDSecure: 'complete' | 'fail' = 'fail'): Promise<PaymentProblem> {
    await this.submitButton.click();
    await expect(
      this.cardError.or(this.threeDSecurePage).or(this.threeDSecureFrame).first(),
      'the payment page answers the payment',
    ).toBeVisible();
    if (!(await this.cardError.isVisible())) await this.answerThreeDSecure(threeDSecure);
    await expect(this.cardError, 'the payment page tells the customer the payment did not go through').toBeVisible();
    const url = new URL(this.page.url());
    return { message: ((await this.cardError.textContent()) ?? '').trim(), page: `${url.origin}${url.pathname}` };
  }

  /** The 3-D Secure challenge, as a page or in the modal frame: the bank's "Complete" or "Fail" (test mode). */
  async answerThreeDSecure(outcome: 'complete' | 'fail'): Promise<void> {
    await expect(this.threeDSecurePage.or(this.threeDSecureFrame).first(), 'the payment page shows the 3-D Secure challenge').toBeVisible();
    const id = outcome === 'complete' ? '#test-source-authorize-3ds' : '#test-source-fail-3ds';
    if (await this.threeDSecureFrame.isVisible()) {
      await this.threeDSecureFrame.contentFrame().locator(id).click();
      return;
    }
    await this.page.locator(`[data-testid=three-d-secure-${outcome}]`).or(this.page.locator(id)).first().click();
  }

  /** Leaves the payment page by its Back link, to the merchant's cancel URL. */
  async goBackToMerchant(): Promise<void> {
    await this.backLink.click();
  }

  /** Clicks Pay. */
  async submit(): Promise<void> {
    await this.submitButton.click();
  }

  /** The fields holding card data, to mask in screenshots. */
  cardFields(): Locator[] {
    return [this.cardNumber, this.cardExpiry, this.cardCvc];
  }

  /**
   * Link's prompt can appear at any moment once the page knows the email (on arrival, or after the email is typed):
   * whenever it covers the page before an action, "Pay without Link" dismisses it. Registered once per page object.
   */
  private async dismissLinkWheneverItAppears(): Promise<void> {
    if (this.linkPromptHandled) return;
    this.linkPromptHandled = true;
    await this.page.addLocatorHandler(this.payWithoutLink, async (button) => {
      await button.click();
    });
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
