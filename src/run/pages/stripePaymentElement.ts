import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';
import type { Card, Customer, FilledPaymentPage, PaymentReference } from '../../model/target/contract';
import { fillSecret } from '../../model/target/fillSecret';

/** Countries whose Payment Element asks for a postal code (as Stripe's does for card payments). */
const POSTAL_CODE_COUNTRIES = new Set(['US', 'GB', 'CA']);

/** The payment intent a client secret belongs to (`pi_…_secret_…` → `pi_…`), or undefined for anything else. */
export function paymentIntentFromClientSecret(clientSecret: string): PaymentReference | undefined {
  const id = /^(pi_[A-Za-z0-9]+)_secret_[A-Za-z0-9]+$/.exec(clientSecret)?.[1];
  return id ? { kind: 'payment_intent', id } : undefined;
}

/**
 * Stripe's Payment Element inside a merchant's page: the card inputs in `iframe[title="Secure payment input frame"]`
 * by Stripe's names (`number`, `expiry`, `cvc`, `country`, `postalCode`), and the 3-D Secure challenge in the modal
 * `iframe[name=stripe-challenge-frame]`. It fills the element and answers the challenge; the merchant's own Pay
 * button and messages belong to the merchant's page object. Works on real Stripe.js and the sandbox's.
 */
export class StripePaymentElement {
  private readonly frameElement: Locator;
  private readonly frame: FrameLocator;
  private readonly number: Locator;
  private readonly expiry: Locator;
  private readonly cvc: Locator;
  private readonly country: Locator;
  private readonly postalCode: Locator;
  private readonly challengeFrameElement: Locator;

  /** `within`: where the merchant mounted the element, when the page has more than one. */
  constructor(
    private readonly page: Page,
    within?: Locator,
  ) {
    this.frameElement = (within ?? page.locator('body')).locator('iframe[title="Secure payment input frame"]').first();
    this.frame = this.frameElement.contentFrame();
    this.number = this.frame.locator('input[name=number]');
    this.expiry = this.frame.locator('input[name=expiry]');
    this.cvc = this.frame.locator('input[name=cvc]');
    this.country = this.frame.locator('select[name=country]');
    this.postalCode = this.frame.locator('input[name=postalCode]');
    this.challengeFrameElement = page.locator('iframe[name=stripe-challenge-frame]');
  }

  /** Resolves once the element's card inputs can be typed in. */
  async waitUntilReady(): Promise<void> {
    await expect(this.frameElement, 'the merchant page shows the Payment Element').toBeVisible();
    await expect(this.number, "the Payment Element's card number input is ready").toBeEditable();
  }

  /**
   * Types the card (through `fillSecret`: the values stay out of Playwright's logs and traces) and the billing
   * country and postal code. Returns the card fields to mask and, when the element's address shows it, the
   * payment intent it will confirm.
   */
  async fill(card: Card, customer: Customer): Promise<FilledPaymentPage> {
    await this.waitUntilReady();
    await fillSecret(this.number, card.number);
    await fillSecret(this.expiry, card.expiry);
    await fillSecret(this.cvc, card.cvc);
    if (await this.country.isVisible()) await this.country.selectOption(customer.billingCountry);
    // The postal code appears for some countries only, once the country is chosen.
    if (POSTAL_CODE_COUNTRIES.has(customer.billingCountry.toUpperCase())) {
      await expect(this.postalCode, 'the Payment Element asks for a postal code').toBeVisible();
      await this.postalCode.fill(customer.billingPostalCode);
    }
    const payment = await this.payment();
    return { cardFields: this.cardFields(), ...(payment ? { payment } : {}) };
  }

  /** The inputs holding card data (inside the frame), to mask in screenshots. */
  cardFields(): Locator[] {
    return [this.number, this.expiry, this.cvc];
  }

  /** The message the element shows in its frame (a decline, an incomplete field). */
  message(): Locator {
    return this.frame.locator('[role=alert]');
  }

  /** The 3-D Secure challenge's modal frame, while it is shown. */
  threeDSecureChallenge(): Locator {
    return this.challengeFrameElement;
  }

  /** Answers the bank's 3-D Secure test challenge ("Complete" or "Fail") and waits for the modal to close. */
  async answerThreeDSecure(outcome: 'complete' | 'fail'): Promise<void> {
    await expect(this.challengeFrameElement, 'the merchant page shows the 3-D Secure challenge').toBeVisible();
    const challenge = this.challengeFrameElement.contentFrame();
    await challenge.locator(outcome === 'complete' ? '#test-source-authorize-3ds' : '#test-source-fail-3ds').click();
    await expect(this.challengeFrameElement, 'the 3-D Secure challenge closes once answered').toHaveCount(0);
  }

  /** The payment intent the element confirms, when its frame's address names the client secret; else undefined. */
  async payment(): Promise<PaymentReference | undefined> {
    const src = await this.frameElement.getAttribute('src');
    if (!src) return undefined;
    const url = new URL(src);
    const secret = url.searchParams.get('client_secret') ?? new URLSearchParams(url.hash.slice(1)).get('clientSecret') ?? '';
    return paymentIntentFromClientSecret(secret);
  }
}
