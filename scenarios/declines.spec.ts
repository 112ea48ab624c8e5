import { describePayment, expectHumanPaymentMessage, expectNoConversion, expectNoSuccessfulCharge } from '../src/run/expectations/index';
import type { Card } from '../src/model/target/contract';
import type { StepOptions } from '../src/run/evidence/evidenceRecorder';
import { TEST_CARDS } from '../src/model/target/testCards';
import { expect, test } from '../fixtures/index';
import { browserMoment } from '../fixtures/journey/browserMoment';
import { LIVE_MODE_SKIP } from '../fixtures/journey/runCustomer';
import { runStartedAt, skipTestForTargetGap } from '../fixtures/journey/skippedStep';
import { flowAbility, productAbility, returnToMerchantAbility, type Ability } from '../fixtures/journey/targetAbility';

test.use({ flowName: 'declines', severity: 'critical' });

interface DeclineCase {
  name: string;
  card: Card;
  /** Shown in step titles: only the last four digits. */
  label: string;
  threeDSecure?: 'fail';
}

const CASES: DeclineCase[] = [
  { name: 'a declined card', card: TEST_CARDS.declined, label: '…0002 (declined)' },
  { name: 'a card with insufficient funds', card: TEST_CARDS.insufficientFunds, label: '…9995 (insufficient funds)' },
  { name: 'an expired card', card: TEST_CARDS.expired, label: '…0069 (expired)' },
  {
    name: 'a 3-D Secure card the customer fails to confirm',
    card: TEST_CARDS.threeDSecureRequired,
    label: '…3184 (3-D Secure, Fail)',
    threeDSecure: 'fail',
  },
];

for (const decline of CASES) {
  test(`a referred customer pays with ${decline.name}: told so in words, nobody is charged, the partner earns nothing`, async ({
    journey,
    target,
    flows,
    provider,
    referral,
    evidence,
    within,
  }) => {
    test.skip(journey.mode === 'live', LIVE_MODE_SKIP.declines);
    // No one-time product (a subscription-only merchant) is an exemption, decided before any target gap.
    const productToBuy = productAbility(target);
    test.skip(!productToBuy.run, productToBuy.reason);
    const product = productToBuy.run;
    if (!product) return;
    const submitExpectingDecline = flowAbility(target, flows, 'submitPaymentExpectingDecline');
    const cannot = submitExpectingDecline.reason;
    skipTestForTargetGap(cannot && `${cannot}: a payment that does not go through is what this flow rehearses`);
    const submitDeclined = submitExpectingDecline.run;
    if (!submitDeclined) return;
    const { partner } = journey;
    const customer = journey.customerPaying(product.currency);
    const since = runStartedAt();
    const returnToMerchant = returnToMerchantAbility(target, flows);
    const openSuccessPage = flowAbility(target, flows, 'openSuccessPage');
    /** When the customer's last action that could lead to a conversion ended: the settle window runs from there. */
    let lastCustomerActionAt = Date.now();

    // The click is the precondition of "the partner earns nothing", not a checklist item of this flow.
    await journey.openReferralLink("1. Open the partner's referral link → the click is recorded at the referral platform");

    const unpaid = await evidence.step(
      `2. Pay with ${decline.label}${decline.threeDSecure ? ' and fail the bank challenge' : ''} → the payment page tells the customer in words ` +
        '(no error type, code or stack)',
      async () => {
        await flows.startCheckout(product.slug, customer);
        const filled = await journey.fillPaymentPage(customer, decline.card, 'payment page (card fields masked)');
        evidence.timeline(browserMoment(`payment submitted with ${decline.label}`));
        const problem = await submitDeclined({ threeDSecure: decline.threeDSecure });
        lastCustomerActionAt = Date.now();
        await journey.screenshot('payment page after the attempt (card fields masked)', { mask: filled.cardFields });
        await expectHumanPaymentMessage(problem, 'the payment page', within);
        return filled.payment;
      },
      { checklist: ['declines-handled'] },
    );

    // Step 3, in two parts, either of which the target may lack: back to the merchant's page, and its success page.
    const backTitle = "Go back to the merchant → the merchant's page tells the customer in words too";
    const successTitle = `its success page confirms no order for the unpaid ${unpaid?.kind === 'payment_intent' ? 'payment intent' : 'checkout session'}`;
    let successPage: Ability<() => Promise<void>>;
    if (!openSuccessPage.run) successPage = { reason: openSuccessPage.reason };
    else if (!unpaid)
      successPage = { reason: "the payment page did not show which checkout session or payment intent it pays (fillPayment's payment)" };
    else {
      const [open, payment] = [openSuccessPage.run, unpaid];
      // Anyone can type the success URL: the merchant must ask the provider, never take the URL as proof of payment.
      successPage = {
        run: async () => {
          const shown = await open(payment);
          lastCustomerActionAt = Date.now();
          await journey.screenshot("merchant's success page opened for the unpaid payment");
          expect(
            shown,
            `the merchant's success page, opened for the unpaid ${describePayment(payment)}, confirms no order`,
          ).toBeUndefined();
        },
      };
    }
    const declinesHandled: StepOptions = { checklist: ['declines-handled'] };
    if (returnToMerchant.run) {
      const goBack = returnToMerchant.run;
      await evidence.step(
        `3. ${backTitle}${successPage.run ? `, and ${successTitle}` : ''}`,
        async () => {
          evidence.timeline(browserMoment('back to the merchant'));
          const problem = await goBack();
          lastCustomerActionAt = Date.now();
          await journey.screenshot("merchant's page after going back");
          await expectHumanPaymentMessage(problem, "the merchant's page", within);
          await successPage.run?.();
        },
        declinesHandled,
      );
    } else {
      await journey.skippedStep(`3a. ${backTitle}`, returnToMerchant.reason, { ...declinesHandled, targetGap: true });
      if (successPage.run) await evidence.step(`3. The merchant's ${successTitle.replace(/^its /, '')}`, successPage.run, declinesHandled);
    }
    if (successPage.reason) {
      const title = `3b. The merchant's ${successTitle.replace(/^its /, '')}`;
      await journey.skippedStep(title, successPage.reason, { ...declinesHandled, targetGap: true });
    }

    const noCommission = 'the referral platform shows no conversion and no commission for the click';
    await evidence.step(
      `4. The provider shows no successful charge for the run${partner.run ? `; ${noCommission}` : ''}`,
      async () => {
        // Tagged: a charge for a declined card fails the declines item, never the request-id item (decided by the calls).
        await evidence.check('declines-handled', () =>
          expectNoSuccessfulCharge(
            provider,
            {
              customerEmail: customer.email,
              since,
              payments: [...(unpaid ? [unpaid] : []), ...journey.paymentsSeenByBrowser()],
            },
            within,
          ),
        );
        if (!partner.run) return;
        const { settleMs } = journey;
        await evidence.check('declines-handled', () =>
          expectNoConversion(referral, { clickId: journey.click().id, settleMs, windowStartsAt: lastCustomerActionAt }, within),
        );
      },
      { checklist: ['declines-handled', 'request-ids-logged'] },
    );
    if (partner.reason) await journey.skippedStep(`4b. ${noCommission.replace(/^the/, 'The')}`, partner.reason);
  });
}
