import { expectAmountEquals, expectCommissionReversed, expectRefundSucceeded } from '../src/run/expectations/index';
import { test } from '../fixtures/index';
import { paymentFormWords } from '../fixtures/journey/paymentEvent';

test.use({ flowName: 'zero-decimal-purchase', severity: 'blocker' });

test('a referred customer buys a product priced in a zero-decimal currency: charged, credited and refunded to the exact amount', async ({
  journey,
  target,
  provider,
  referral,
  evidence,
  within,
}) => {
  const product = target.catalogue.zeroDecimalProduct;
  test.skip(!product, `the target "${target.name}" sells no product in a zero-decimal currency (catalogue.zeroDecimalProduct)`);
  if (!product) return;
  const { partner, refundChannel } = journey;
  const price = { amount: product.unitAmount, currency: product.currency };
  const priceText = `${price.amount} ${price.currency}`;

  // The click is what makes the sale a referred one; its own checklist item is decided by the purchase flow.
  await journey.openReferralLink("1. Open the partner's referral link → the click is recorded at the referral platform", {
    landingScreenshot: true,
  });

  const paid = await evidence.step(
    `2. Buy "${product.name}" ${paymentFormWords(target)} with ${journey.card.label} → success page; the ` +
      `${target.capabilities.paymentForm === 'hosted-checkout' ? 'checkout session' : 'payment intent'} and the ` +
      `charge are for exactly ${priceText} (${price.currency} has no minor unit)`,
    async () => {
      // A wrong amount fails the minor-units item; a purchase that does not go through, the payment item.
      const purchased = await evidence.check('payment-end-to-end', () => journey.buy(product));
      const source = `the catalogue price of ${product.name}`;
      const payment = purchased.session ? "the checkout session's total" : `payment intent ${purchased.paymentIntent.id}`;
      await evidence.check('amounts-in-minor-units', () => {
        expectAmountEquals(payment, { amount: purchased.amount, currency: purchased.currency }, { ...price, source });
        expectAmountEquals(`charge ${purchased.charge.id}`, purchased.charge, { ...price, source });
      });
      await evidence.check('payment-end-to-end', () => journey.expectPaidByThisBrowser(purchased));
      return purchased;
    },
    { checklist: ['payment-end-to-end', 'amounts-in-minor-units', 'request-ids-logged'] },
  );

  const credited = await journey.referralStep(
    `3. The referral platform shows a conversion of exactly ${priceText} attributed to that click and a commission of ` +
      `${product.expectedCommission ?? 'the agreed amount in'} ${price.currency}, as agreed`,
    async ({ agreed }) =>
      journey.expectSaleCredited(paid, {
        saleAmount: price.amount,
        currency: price.currency,
        agreedAmount: agreed(product),
      }),
    { checklist: ['conversion-and-commission-recorded', 'commission-rule-as-agreed', 'amounts-in-minor-units'] },
  );
  const commission = credited?.commission;

  await evidence.step(
    `4. Refund ${refundChannel.words} → a refund of exactly ${priceText} succeeded at the provider` +
      `${commission ? ' and the commission is reversed' : ''}`,
    async () => {
      await journey.refundRestOfOrder(paid);
      const refund = await expectRefundSucceeded(provider, paid.charge, within);
      expectAmountEquals(`refund ${refund.id}`, refund, { ...price, source: `the whole ${product.name} sale` });
      if (commission) await expectCommissionReversed(referral, commission, within);
    },
    { checklist: ['amounts-in-minor-units'] },
  );
  await journey.merchantRefundCheckSkipped(`4b. The shop shows order ${paid.order.orderId} refunded`, {});
  if (partner.reason) await journey.skippedStep('4c. The commission is reversed by the refund', partner.reason);
});
