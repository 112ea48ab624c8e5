import {
  expectHumanPaymentMessage,
  expectNoConversion,
  expectNoSuccessfulCharge,
} from '../src/expectations/index';
import { runEmail } from '../src/runId';
import type { Card, Customer } from '../src/target/contract';
import { TEST_CARDS } from '../src/target/testCards';
import { expect, test } from '../fixtures/index';
import { browserMoment } from './support/browserMoment';
import { openReferralLinkExpectingClick } from './support/referralLinkStep';
import { LIVE_MODE_SKIP } from './support/runCustomer';
import { runStartedAt, settleWindowMs } from './support/skippedStep';

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
  { name: 'a 3-D Secure card the customer fails to confirm', card: TEST_CARDS.threeDSecureRequired, label: '…3184 (3-D Secure, Fail)', threeDSecure: 'fail' },
];

for (const decline of CASES) {
  test(`a referred customer pays with ${decline.name}: told so in words, nobody is charged, the partner earns nothing`, async ({
    page, target, rehearsalConfig, runId, flows, provider, referral, evidence, cleanupJournal,
  }) => {
    test.skip(rehearsalConfig.mode === 'live', LIVE_MODE_SKIP.declines);
    const within = { evidence, timeoutMs: rehearsalConfig.eventTimeoutMs };
    const partnerKey = rehearsalConfig.partnerKey ?? target.catalogue.partner.key;
    const { product } = target.catalogue;
    const customer: Customer = { email: runEmail(runId), name: 'Rehearsal Customer', billingCountry: 'US', billingPostalCode: '94107' };
    const since = runStartedAt();

    // The click is the precondition of "the partner earns nothing", not a checklist item of this flow.
    const click = await evidence.step("1. Open the partner's referral link → the click is recorded at the referral platform", async () =>
      openReferralLinkExpectingClick({ flows, evidence, referral, timeoutMs: within.timeoutMs }, partnerKey, runId),
    );

    const checkoutSessionId = await evidence.step(
      `2. Pay with ${decline.label}${decline.threeDSecure ? ' and fail the bank challenge' : ''} → the payment page tells the customer in words ` +
        '(no error type, code or stack)',
      async () => {
        await flows.startCheckout(product.slug, customer);
        const filled = await flows.fillPayment(decline.card, customer);
        await evidence.attachScreenshot(page, 'payment page (card fields masked)', { mask: filled.cardFields });
        await cleanupJournal.checkoutStarted({ email: customer.email });
        evidence.timeline(browserMoment(`payment submitted with ${decline.label}`));
        const problem = await flows.submitPaymentExpectingDecline({ threeDSecure: decline.threeDSecure });
        await evidence.attachScreenshot(page, 'payment page after the attempt (card fields masked)', { mask: filled.cardFields });
        await expectHumanPaymentMessage(problem, 'the payment page', within);
        return filled.checkoutSessionId;
      },
      { checklist: ['declines-handled'] },
    );

    await evidence.step(
      "3. Go back to the merchant → the merchant's page tells the customer in words too, and its success page confirms no order " +
        'for the unpaid checkout session',
      async () => {
        evidence.timeline(browserMoment('back to the merchant'));
        const problem = await flows.returnToMerchantAfterDecline();
        await evidence.attachScreenshot(page, "merchant's page after going back");
        await expectHumanPaymentMessage(problem, "the merchant's page", within);
        if (flows.openSuccessPage && checkoutSessionId) {
          // Anyone can type the success URL: the merchant must ask the provider, never take session_id as proof of payment.
          const shown = await flows.openSuccessPage(checkoutSessionId);
          await evidence.attachScreenshot(page, "merchant's success page opened for the unpaid session");
          expect(shown, `the merchant's success page, opened for the unpaid checkout session ${checkoutSessionId}, confirms no order`).toBeUndefined();
        }
      },
      { checklist: ['declines-handled'] },
    );

    await evidence.step(
      '4. The provider shows no successful charge for the run; the referral platform shows no conversion and no commission for the click',
      async () => {
        await expectNoSuccessfulCharge(provider, { customerEmail: customer.email, since, checkoutSessionId }, within);
        await expectNoConversion(referral, { clickId: click.id, settleMs: settleWindowMs(rehearsalConfig.eventTimeoutMs) }, within);
      },
      { checklist: ['declines-handled', 'request-ids-logged'] },
    );
  });
}
