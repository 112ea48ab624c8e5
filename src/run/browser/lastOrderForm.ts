import type { Locator, Page } from '@playwright/test';

/** How many Back presses may take the browser to the form (success page → payment page → form takes two). */
const MAX_BACK_PRESSES = 5;

/**
 * The order form the customer submitted last in a target's flows (its page and the customer's email), for the
 * impatient customer who presses Back to it after paying and submits it again (`goBackAndResubmitOrder`).
 */
export class LastOrderForm {
  private form: { path: string; email: string } | undefined;

  /** `origin`: the merchant site's, where the form is. */
  constructor(
    private readonly page: Page,
    private readonly origin: string,
  ) {}

  /** Notes the form just submitted: its page's path (the query, e.g. the form's token, is the browser's to restore). */
  remember(path: string, email: string): void {
    this.form = { path, email };
  }

  /**
   * Presses Back until the browser shows the form again, then submits it as the browser restored it (an email field
   * the browser emptied is typed again). Resolves once the browser is on a URL `arrived` accepts; throws when no form
   * was submitted, or, naming where the browser is, when Back never returns to it.
   */
  async goBackAndResubmit(fields: { email: Locator; submit: Locator }, arrived: (url: URL) => boolean): Promise<void> {
    const form = this.form;
    if (!form) throw new Error('goBackAndResubmitOrder needs an order form submitted earlier in this test.');
    const onForm = () => {
      const url = new URL(this.page.url());
      return url.origin === this.origin && url.pathname === form.path;
    };
    for (let presses = 0; presses < MAX_BACK_PRESSES && !onForm(); presses += 1) {
      if (!(await this.page.goBack())) break;
    }
    if (!onForm())
      throw new Error(
        `Pressing Back did not return to the order form ${form.path} (the browser is on ${new URL(this.page.url()).pathname}).`,
      );
    if ((await fields.email.inputValue()) === '') await fields.email.fill(form.email);
    await Promise.all([this.page.waitForURL(arrived), fields.submit.click()]);
  }
}
