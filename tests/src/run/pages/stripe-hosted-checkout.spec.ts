import { StripeHostedCheckout } from '../../../../src/run/pages/stripeHostedCheckout';
import { TEST_CARDS } from '../../../../src/model/target/testCards';
import { test, expect, CUSTOMER, newCheckoutSession, type StripePagesLab } from './support/stripePagesLab';
import type { Page } from '@playwright/test';

// One page object for Stripe's hosted Checkout, whatever layout the page takes (the sandbox renders each one).

const AUTHENTICATION_FAILED = 'We are unable to authenticate your payment method. Please choose a different payment method and try again.';

async function expectPaid(page: Page, lab: StripePagesLab, sessionId: string): Promise<void> {
  await page.waitForURL(`${lab.merchant.url}/success?session_id=${sessionId}`);
  expect(await lab.stripe.checkout.sessions.retrieve(sessionId)).toMatchObject({ status: 'complete', payment_status: 'paid' });
}

test.describe('card layout (the card form at once)', () => {
  test.use({ hostedCheckout: { layout: 'card', threeDSecure: 'page' } });

  test('fills and pays; fill() names the checkout session', async ({ page, lab }) => {
    const session = await newCheckoutSession(lab);
    await page.goto(session.url as string);
    const checkout = new StripeHostedCheckout(page);
    const filled = await checkout.fill(TEST_CARDS.succeeds, CUSTOMER);
    expect(filled.payment).toEqual({ kind: 'checkout_session', id: session.id });
    expect(filled.cardFields).toHaveLength(3);
    await checkout.submit();
    await expectPaid(page, lab, session.id);
    expect((await lab.stripe.checkout.sessions.retrieve(session.id)).customer_details?.email).toBe(CUSTOMER.email);
  });
});

test.describe('accordion layout (card form behind "Pay with card")', () => {
  test.use({ hostedCheckout: { layout: 'accordion', threeDSecure: 'page' } });

  test('opens the card form and pays', async ({ page, lab }) => {
    const session = await newCheckoutSession(lab);
    await page.goto(session.url as string);
    await expect(page.locator('input[name=cardNumber]'), 'the card form starts collapsed').toBeHidden();
    const checkout = new StripeHostedCheckout(page);
    await checkout.fill(TEST_CARDS.succeeds, CUSTOMER);
    await expect(page.getByTestId('card-accordion-item')).toHaveAttribute('open', '');
    await checkout.submit();
    await expectPaid(page, lab, session.id);
  });
});

test.describe('link layout (Link prompt once the email is known)', () => {
  test.use({ hostedCheckout: { layout: 'link', threeDSecure: 'page' } });

  test('dismisses the prompt that appears after the email is typed, and pays', async ({ page, lab }) => {
    const session = await newCheckoutSession(lab);
    await page.goto(session.url as string);
    await expect(page.getByTestId('link-prompt'), 'no prompt before an email').toBeHidden();
    const checkout = new StripeHostedCheckout(page);
    await checkout.fill(TEST_CARDS.succeeds, CUSTOMER);
    await expect(page.locator('#link-dismissed'), 'the customer chose "Pay without Link"').toBeChecked();
    await checkout.submit();
    await expectPaid(page, lab, session.id);
  });

  test('dismisses the prompt shown on arrival when the merchant passed the email, and pays', async ({ page, lab }) => {
    const session = await newCheckoutSession(lab, { customer_email: CUSTOMER.email });
    await page.goto(session.url as string);
    await expect(page.getByTestId('link-prompt'), 'the prompt covers the form on arrival').toBeVisible();
    const checkout = new StripeHostedCheckout(page);
    await checkout.fill(TEST_CARDS.succeeds, CUSTOMER);
    await expect(page.getByTestId('link-prompt')).toBeHidden();
    await checkout.submit();
    await expectPaid(page, lab, session.id);
  });
});

for (const threeDSecure of ['page', 'frame'] as const) {
  test.describe(`3-D Secure as a ${threeDSecure}`, () => {
    test.use({ hostedCheckout: { layout: 'card', threeDSecure } });

    test('Complete pays', async ({ page, lab }) => {
      const session = await newCheckoutSession(lab);
      await page.goto(session.url as string);
      const checkout = new StripeHostedCheckout(page);
      await checkout.fill(TEST_CARDS.threeDSecureRequired, CUSTOMER);
      await checkout.submit();
      if (threeDSecure === 'frame') await expect(page.locator('iframe[name=stripe-challenge-frame]')).toBeVisible();
      else await expect(page.getByTestId('three-d-secure-challenge')).toBeVisible();
      await checkout.answerThreeDSecure('complete');
      await expectPaid(page, lab, session.id);
    });

    test('Fail is reported as the declined payment it is', async ({ page, lab }) => {
      const session = await newCheckoutSession(lab);
      await page.goto(session.url as string);
      const checkout = new StripeHostedCheckout(page);
      await checkout.fill(TEST_CARDS.threeDSecureRequired, CUSTOMER);
      const problem = await checkout.submitExpectingDecline('fail');
      expect(problem).toEqual({ message: AUTHENTICATION_FAILED, page: `${lab.provider.url}/c/pay/${session.id}/3ds` });
      expect(await lab.stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'open', payment_status: 'unpaid' });
    });
  });
}
