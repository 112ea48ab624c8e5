import {
  expectAmountEquals,
  expectCommissionCreated,
  expectCommissionReversed,
  expectConversionAttributed,
  expectRefundSucceeded,
} from '../src/expectations/index';
import { expect, test } from '../fixtures/index';
import { browserMoment } from './support/browserMoment';
import { buyThroughHostedCheckout } from './support/hostedCheckoutPurchase';
import { openReferralLinkExpectingClick } from './support/referralLinkStep';
import { runCustomer } from './support/runCustomer';

test.use({ flowName: 'zero-decimal-purchase', severity: 'blocker' });

test('a referred customer buys a product priced in a zero-decimal currency: charged, credited and refunded to the exact amount', async ({
  page, target, rehearsalConfig, runId, flows, provider, referral, evidence, cleanupJournal, paymentCard,
}) => {
  const product = target.catalogue.zeroDecimalProduct;
  test.skip(!product, `the target "${target.name}" sells no product in a zero-decimal currency (catalogue.zeroDecimalProduct)`);
  if (!product) return;
  const within = { evidence, timeoutMs: rehearsalConfig.eventTimeoutMs };
  const purchase = { page, flows, evidence, provider, cleanupJournal, timeoutMs: within.timeoutMs };
  const partnerKey = rehearsalConfig.partnerKey ?? target.catalogue.partner.key;
  const customer = runCustomer(runId, paymentCard);
  const price = { amount: product.unitAmount, currency: product.currency };
  const priceText = `${price.amount} ${price.currency}`;

  // The click is what makes the sale a referred one; its own checklist item is decided by the purchase flow.
  const click = await evidence.step("1. Open the partner's referral link → the click is recorded at the referral platform", async () =>
    openReferralLinkExpectingClick({ flows, evidence, referral, timeoutMs: within.timeoutMs, page }, partnerKey, runId),
  );

  const paid = await evidence.step(
    `2. Buy "${product.name}" through the hosted checkout with ${paymentCard.label} → success page; the checkout session and the ` +
      `charge are for exactly ${priceText} (${price.currency} has no minor unit)`,
    async () => {
      const { order, ...checkout } = await buyThroughHostedCheckout(purchase, product.slug, customer, paymentCard);
      const source = `the catalogue price of ${product.name}`;
      expectAmountEquals("the checkout session's total", { amount: checkout.session.amount_total, currency: checkout.session.currency }, { ...price, source });
      expectAmountEquals(`charge ${checkout.charge.id}`, checkout.charge, { ...price, source });
      expect(checkout.session.customer_details?.email ?? checkout.session.customer_email, 'the session is for the run customer').toBe(customer.email);
      return { order, ...checkout };
    },
    { checklist: ['payment-end-to-end', 'amounts-in-minor-units', 'request-ids-logged'] },
  );

  const commission = await evidence.step(
    `3. The referral platform shows a conversion of exactly ${priceText} attributed to that click and a commission of ` +
      `${product.expectedCommission} ${price.currency}, as agreed`,
    async () => {
      const conversion = await expectConversionAttributed(
        referral,
        { click, checkoutSessionId: paid.session.id, saleAmount: price.amount, currency: price.currency },
        within,
      );
      return expectCommissionCreated(referral, { conversion, saleAmount: price.amount, agreedAmount: product.expectedCommission }, within);
    },
    { checklist: ['conversion-and-commission-recorded', 'commission-rule-as-agreed', 'amounts-in-minor-units'] },
  );

  await evidence.step(
    `4. Refund from the shop's admin → a refund of exactly ${priceText} succeeded at the provider and the commission is reversed`,
    async () => {
      evidence.timeline(browserMoment('refund requested in the shop admin', paid.order.orderId));
      const refunded = await flows.refundOrder(paid.order.orderId);
      await evidence.attachScreenshot(page, 'admin orders after the refund');
      expect(refunded.status, 'the shop shows the order refunded').toBe('refunded');
      const refund = await expectRefundSucceeded(provider, paid.charge, within);
      expectAmountEquals(`refund ${refund.id}`, refund, { ...price, source: `the whole ${product.name} sale` });
      await expectCommissionReversed(referral, commission, within);
    },
    { checklist: ['amounts-in-minor-units'] },
  );
});
