import { expectAmountEquals, expectCommissionReversed, expectRefundSucceeded } from '../src/run/expectations/index';
import { expect, test } from '../fixtures/index';
import { expectPaidByThisBrowser } from '../src/run/expectations/expectPaidByThisBrowser';
import { paymentFormWords } from './support/paymentEvent';
import { buyProduct } from './support/purchase';
import { openReferralLinkExpectingClick } from './support/referralLinkStep';
import { foundEarlier, referralProgrammeAbility, referralStep } from './support/referralProgramme';
import { skippedStep } from './support/skippedStep';
import { merchantRefundCheckSkipped, refundRestOfOrder } from './support/orderRefund';
import { runCustomer } from './support/runCustomer';
import { expectSaleCredited } from './support/saleCredited';
import { refundAbility } from './support/targetAbility';

test.use({ flowName: 'zero-decimal-purchase', severity: 'blocker' });

test('a referred customer buys a product priced in a zero-decimal currency: charged, credited and refunded to the exact amount', async ({
  page, target, rehearsalConfig, runId, flows, provider, referral, evidence, within, cleanupJournal, paymentCard, browserPayments,
}) => {
  const product = target.catalogue.zeroDecimalProduct;
  test.skip(!product, `the target "${target.name}" sells no product in a zero-decimal currency (catalogue.zeroDecimalProduct)`);
  if (!product) return;
  const purchase = { page, flows, evidence, provider, cleanupJournal, timeoutMs: within.timeoutMs };
  const programme = referralProgrammeAbility(target, rehearsalConfig);
  const customer = runCustomer(runId, paymentCard, product.currency);
  const refundWay = refundAbility(target, flows);
  const price = { amount: product.unitAmount, currency: product.currency };
  const priceText = `${price.amount} ${price.currency}`;

  // The click is what makes the sale a referred one; its own checklist item is decided by the purchase flow.
  const click = await referralStep(evidence, programme, "1. Open the partner's referral link → the click is recorded at the referral platform", async ({ partnerKey }) =>
    openReferralLinkExpectingClick({ flows, evidence, referral, timeoutMs: within.timeoutMs, page }, partnerKey, runId),
  );

  const paid = await evidence.step(
    `2. Buy "${product.name}" ${paymentFormWords(target)} with ${paymentCard.label} → success page; the ` +
      `${target.capabilities.paymentForm === 'hosted-checkout' ? 'checkout session' : 'payment intent'} and the ` +
      `charge are for exactly ${priceText} (${price.currency} has no minor unit)`,
    async () => {
      // A wrong amount fails the minor-units item; a purchase that does not go through, the payment item.
      const purchased = await evidence.check('payment-end-to-end', () => buyProduct(purchase, product.slug, customer, paymentCard));
      const source = `the catalogue price of ${product.name}`;
      const payment = purchased.session ? "the checkout session's total" : `payment intent ${purchased.paymentIntent.id}`;
      await evidence.check('amounts-in-minor-units', () => {
        expectAmountEquals(payment, { amount: purchased.amount, currency: purchased.currency }, { ...price, source });
        expectAmountEquals(`charge ${purchased.charge.id}`, purchased.charge, { ...price, source });
      });
      await evidence.check('payment-end-to-end', () => expectPaidByThisBrowser(provider, purchased, browserPayments.payments(), within));
      return purchased;
    },
    { checklist: ['payment-end-to-end', 'amounts-in-minor-units', 'request-ids-logged'] },
  );

  const credited = await referralStep(
    evidence,
    programme,
    `3. The referral platform shows a conversion of exactly ${priceText} attributed to that click and a commission of ` +
      `${product.expectedCommission ?? 'the agreed amount in'} ${price.currency}, as agreed`,
    async ({ agreed }) =>
      expectSaleCredited(
        { referral },
        { click: foundEarlier(click, 'the click'), paid, saleAmount: price.amount, currency: price.currency, agreedAmount: agreed(product) },
        within,
      ),
    { checklist: ['conversion-and-commission-recorded', 'commission-rule-as-agreed', 'amounts-in-minor-units'] },
  );
  const commission = credited?.commission;

  await evidence.step(
    `4. Refund ${refundWay.words} → a refund of exactly ${priceText} succeeded at the provider${commission ? ' and the commission is reversed' : ''}`,
    async () => {
      await refundRestOfOrder({ page, evidence, provider }, refundWay, paid);
      const refund = await expectRefundSucceeded(provider, paid.charge, within);
      expectAmountEquals(`refund ${refund.id}`, refund, { ...price, source: `the whole ${product.name} sale` });
      if (commission) await expectCommissionReversed(referral, commission, within);
    },
    { checklist: ['amounts-in-minor-units'] },
  );
  await merchantRefundCheckSkipped(evidence, refundWay, `4b. The shop shows order ${paid.order.orderId} refunded`, {});
  if (programme.reason) await skippedStep(evidence, '4c. The commission is reversed by the refund', programme.reason);
});
