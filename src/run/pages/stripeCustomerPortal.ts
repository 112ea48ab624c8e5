import { expect, type Locator, type Page } from '@playwright/test';
import type { Card, Customer } from '../../model/target/contract';
import { fillSecret } from '../../model/target/fillSecret';

/** What the portal shows about the customer's plan. */
export type PortalSubscriptionStatus = 'renews' | 'cancels-at-period-end' | 'none';

/** What cancelling did, as the portal's confirmation page announced it before the customer confirmed. */
export type PortalCancellation = 'canceled-now' | 'cancels-at-period-end';

/** Stripe's cancellation reasons (`cancellation_details.feedback`), as the portal offers them after a cancellation. */
export type PortalCancellationReason =
  'too_expensive' | 'missing_features' | 'switched_service' | 'unused' | 'customer_service' | 'too_complex' | 'low_quality' | 'other';

const CANCEL = /^cancel (plan|subscription)$/i;
const RENEW = /^(renew (plan|subscription)|don't cancel( (plan|subscription))?)$/i;

/**
 * Stripe's customer portal (the page `billingPortal.sessions.create` returns the URL of), driven as a customer: read
 * the plan, cancel it (now or at the end of the period, whichever the merchant's portal configuration offers), take a
 * pending cancellation back, add a card, count the invoices, go back to the merchant. Written against the names and
 * test ids of Stripe's real portal ("Cancel plan"/"Cancel subscription", `data-test=cancel-subscription`, the confirm
 * button `data-testid=confirm`, the reason dialog's "No thanks", "Add payment method", "Invoice history",
 * "Return to <business>"), which the sandbox's portal renders too. The card is typed with `fillSecret`, so it never
 * reaches Playwright's logs or traces. It knows nothing of the merchant.
 */
export class StripeCustomerPortal {
  private readonly main: Locator;
  private readonly currentPlanLabel: Locator;
  private readonly expiredNotice: Locator;
  private readonly cancelButton: Locator;
  private readonly confirmButton: Locator;
  private readonly renewButton: Locator;
  private readonly pendingCancellation: Locator;
  private readonly renewsText: Locator;
  private readonly reasonDialog: Locator;
  private readonly skipReason: Locator;
  private readonly submitReason: Locator;
  private readonly addPaymentMethod: Locator;
  private readonly cardError: Locator;
  private readonly invoiceHistoryLabel: Locator;
  private readonly invoiceLinks: Locator;
  private readonly returnLink: Locator;
  private readonly confirmation: Locator;

  constructor(private readonly page: Page) {
    this.main = page.getByTestId('page-container-main');
    this.currentPlanLabel = page.getByText(/^current (plan|subscription)s?$/i).first();
    this.expiredNotice = page
      .getByTestId('portal-expired')
      .or(page.getByText(/session has expired/i))
      .first();
    this.cancelButton = page
      .locator('[data-test=cancel-subscription]')
      .or(page.getByRole('link', { name: CANCEL }))
      .or(page.getByRole('button', { name: CANCEL }));
    this.confirmButton = page.getByTestId('confirm');
    this.renewButton = page
      .locator('[data-test=renew-subscription]')
      .or(page.getByRole('button', { name: RENEW }))
      .first();
    this.pendingCancellation = page
      .locator('[data-test=subscription-cancel-at-period-end-badge]')
      .or(page.getByText(/will be cancell?ed on|cancels on/i))
      .first();
    this.renewsText = page.getByText(/renews on/i).first();
    this.reasonDialog = page.getByRole('dialog');
    this.skipReason = page
      .getByTestId('cancellation_reason_cancel')
      .or(page.getByRole('button', { name: /^no thanks$/i }))
      .first();
    this.submitReason = page.getByTestId('cancellation_reason_submit');
    this.addPaymentMethod = page
      .locator('[data-test=add-payment-method]')
      .or(page.getByRole('link', { name: /^(add|update) payment method$/i }))
      .or(page.getByRole('button', { name: /^(add|update) payment method$/i }))
      .first();
    this.cardError = page.getByTestId('card-error').or(this.main.getByRole('alert')).first();
    this.invoiceHistoryLabel = page.getByText(/^invoice history$/i).first();
    this.invoiceLinks = page.getByTestId('hip-link');
    this.confirmation = page.getByTestId('portal-confirmation');
    this.returnLink = page
      .getByTestId('return-to-business-link')
      .or(page.getByRole('link', { name: /^return to /i }))
      .first();
  }

  /** Resolves once the portal shows its content; throws, saying so, when the session's link has expired. */
  async waitUntilOpen(): Promise<void> {
    await expect(this.main, 'the customer portal opens').toBeVisible();
    if (await this.expiredNotice.isVisible()) {
      throw new Error(
        'The customer portal session has expired: portal links are short-lived, create a new session and open its URL at once.',
      );
    }
  }

  /** Whether the plan renews, is set to cancel at the end of its period, or the portal shows no current plan. */
  async subscriptionStatus(): Promise<PortalSubscriptionStatus> {
    await this.waitForHome();
    if (await this.pendingCancellation.isVisible()) return 'cancels-at-period-end';
    if ((await this.renewsText.isVisible()) || (await this.cancelButton.first().isVisible())) return 'renews';
    return 'none';
  }

  /** Whether the portal's current plan names `planName` (the product's name, as the merchant's catalogue has it). */
  async planShown(planName: string): Promise<boolean> {
    await this.waitForHome();
    return this.main.getByText(planName, { exact: false }).first().isVisible();
  }

  /**
   * Cancels the plan (the one with `subscriptionId` when the customer has several), confirming on the portal's
   * confirmation page, then answers the reason dialog if the portal asks (`reason`, else "No thanks"). Resolves with
   * what the confirmation page said would happen: cancelled now, or at the end of the period.
   */
  async cancelSubscription(options: { subscriptionId?: string; reason?: PortalCancellationReason } = {}): Promise<PortalCancellation> {
    await this.waitUntilOpen();
    const cancel = options.subscriptionId
      ? this.page.locator(`a[href*="/subscriptions/${options.subscriptionId}/cancel"]`)
      : this.cancelButton.first();
    await expect(this.confirmButton.or(cancel).first(), 'the portal offers to cancel the plan').toBeVisible();
    // A cancellation deep link (flow_data) opens the confirmation page directly.
    if (!(await this.confirmButton.isVisible())) await cancel.click();
    await expect(this.confirmButton, 'the portal asks to confirm the cancellation').toBeVisible();
    const announced = ((await this.main.textContent()) ?? '').replace(/\s+/g, ' ');
    const outcome: PortalCancellation = /\bimmediately\b/i.test(announced) ? 'canceled-now' : 'cancels-at-period-end';
    const portalOrigin = new URL(this.page.url()).origin;
    await this.confirmButton.click();
    // Next: the reason dialog (over the page), the portal without the confirmation page, or (a deep link's redirect) the merchant.
    const next = await this.settle('the portal accepts the cancellation', portalOrigin, async () => {
      if (await this.reasonDialog.isVisible()) return 'reason';
      return (await this.confirmButton.isVisible()) ? undefined : 'done';
    });
    if (next === 'reason') {
      if (options.reason) {
        await this.page.locator(`[data-test=cancel-reason-opt-${options.reason}]`).check();
        await this.submitReason.click();
      } else {
        await this.skipReason.click();
      }
      await expect(this.reasonDialog, 'the reason dialog closes').toBeHidden();
    }
    return outcome;
  }

  /** Takes back a cancellation set for the end of the period ("Renew plan"). */
  async renewSubscription(): Promise<void> {
    await this.waitForHome();
    await this.renewButton.click();
    await expect(this.pendingCancellation, 'the plan no longer shows a pending cancellation').toBeHidden();
  }

  /**
   * Adds `card` as the customer's payment method ("Add payment method"), typed with `fillSecret`; resolves once the
   * portal lists the card, or throws with the message the portal shows when it refuses it.
   */
  async updateCard(card: Card, billing: Pick<Customer, 'billingCountry' | 'billingPostalCode'>): Promise<void> {
    await this.waitUntilOpen();
    const frameElement = this.page.locator('iframe[title="Secure payment input frame"]').first();
    const pageNumber = this.page.locator('input[name=cardNumber]');
    // A payment method deep link (flow_data) opens the card form directly.
    if (!(await pageNumber.or(frameElement).first().isVisible())) await this.addPaymentMethod.click();
    await expect(pageNumber.or(frameElement).first(), 'the portal shows a card form').toBeVisible();
    // Stripe's portal collects the card in its Payment Element (an iframe, Stripe's input names); the sandbox's form
    // is a plain one with the hosted Checkout page's names.
    const inFrame = await frameElement.isVisible();
    const scope = inFrame ? frameElement.contentFrame() : this.page;
    const field = (frameName: string, pageName: string, tag = 'input') => scope.locator(`${tag}[name=${inFrame ? frameName : pageName}]`);
    await fillSecret(field('number', 'cardNumber'), card.number);
    await fillSecret(field('expiry', 'cardExpiry'), card.expiry);
    await fillSecret(field('cvc', 'cardCvc'), card.cvc);
    const country = field('country', 'billingCountry', 'select');
    if (await country.isVisible()) await country.selectOption(billing.billingCountry);
    const postalCode = field('postalCode', 'billingPostalCode');
    if (await postalCode.isVisible()) await postalCode.fill(billing.billingPostalCode);
    const portalOrigin = new URL(this.page.url()).origin;
    await this.confirmButton
      .or(this.page.getByRole('button', { name: /^(add|save|update)$/i }))
      .first()
      .click();
    const last4 = card.number.replace(/\D/g, '').slice(-4);
    const listed = this.page.getByText(new RegExp(`•+\\s*${last4}\\b`)).first();
    const answer = await this.settle('the portal answers the new card', portalOrigin, async () => {
      if (await this.cardError.isVisible()) return 'refused';
      if ((await listed.isVisible()) || (await this.confirmation.isVisible())) return 'saved';
      return undefined;
    });
    if (answer === 'refused')
      throw new Error(`The customer portal refused the card: ${((await this.cardError.textContent()) ?? '').trim()}`);
  }

  /** How many invoices the portal's invoice history lists (0 when the merchant's portal shows no history). */
  async invoiceCount(): Promise<number> {
    await this.waitForHome();
    if (!(await this.invoiceHistoryLabel.isVisible())) return 0;
    return this.invoiceLinks.count();
  }

  /** Follows "Return to <business>" back to the merchant's `return_url`. */
  async returnToMerchant(): Promise<void> {
    await this.returnLink.click();
  }

  /**
   * Waits until `check` names what the portal did after an action (or the browser left the portal: a deep link's
   * redirect to the merchant), reading the page again while it navigates.
   */
  private async settle<T extends string>(
    what: string,
    portalOrigin: string,
    check: () => Promise<T | undefined>,
  ): Promise<T | 'left-portal'> {
    let result: T | 'left-portal' | undefined;
    await expect
      .poll(
        async () => {
          try {
            result = new URL(this.page.url()).origin !== portalOrigin ? 'left-portal' : await check();
          } catch {
            result = undefined; // the page is navigating: read it again
          }
          return result !== undefined;
        },
        { message: what },
      )
      .toBe(true);
    return result as T | 'left-portal';
  }

  private async waitForHome(): Promise<void> {
    await this.waitUntilOpen();
    await expect(this.currentPlanLabel, "the portal's home page shows the current plan").toBeVisible();
  }
}
