import {
  expectCheckoutPaid,
  expectClickRecorded,
  expectCommissionCreated,
  expectCommissionReversed,
  expectConversionAttributed,
  expectEventDelivered,
  expectRefundSucceeded,
  expectSinkReceived,
  saleAmountExcludingTax,
} from '../src/expectations/index';
import type { ReferralCommission, ReferralWebhookEvent } from '../src/referral/types';
import { expect, test } from '../fixtures/index';
import { runCustomer } from './support/runCustomer';

test.use({ flowName: 'referral-purchase-refund', severity: 'blocker' });

test('a referred customer buys, the partner earns a commission, a refund reverses it', async ({
  page, target, targetEnvironment, rehearsalConfig, runId, flows, provider, referral, webhookSink, evidence, cleanupJournal, paymentCard,
}) => {
  const within = { evidence, timeoutMs: rehearsalConfig.eventTimeoutMs };
  const providerAccess = targetEnvironment.provider;
  const partnerKey = rehearsalConfig.partnerKey ?? target.catalogue.partner.key;
  const { product } = target.catalogue;
  const customer = runCustomer(runId, paymentCard);

  const click = await evidence.step("1. Open the partner's referral link → the click is recorded at the referral platform", async () => {
    const landing = await flows.openReferralLink(partnerKey, runId);
    await evidence.attachScreenshot(page, 'referral landing page');
    return expectClickRecorded(referral, { runId, clickId: landing.clickId, partnerKey }, within);
  });

  const paid = await evidence.step(
    `2. Buy through the hosted checkout with ${paymentCard.label} → success page; session complete, payment intent succeeded, charge paid; ` +
      'checkout.session.completed delivered to every endpoint',
    async () => {
      await flows.startCheckout(product.slug, customer);
      const { cardFields } = await flows.fillPayment(paymentCard, customer);
      await evidence.attachScreenshot(page, 'payment page (card fields masked)', { mask: cardFields });
      await cleanupJournal.checkoutStarted({ email: customer.email });
      await flows.submitPayment();
      const order = await flows.readOrder();
      await evidence.attachScreenshot(page, 'success page');
      await evidence.attachJson('order on the success page', order);

      const checkout = await expectCheckoutPaid(provider, order.checkoutSessionId, within);
      await cleanupJournal.learned('payment_intent', checkout.session.payment_intent);
      await cleanupJournal.learned('charge', checkout.charge.id);
      expect(checkout.session.amount_subtotal, 'the customer is charged the catalogue price').toBe(product.unitAmount);
      expect(checkout.session.currency, 'in the catalogue currency').toBe(product.currency);
      expect(checkout.session.customer_details?.email ?? checkout.session.customer_email, 'the session is for the run customer').toBe(customer.email);
      await expectEventDelivered(provider, { type: 'checkout.session.completed', objectId: checkout.session.id, providerAccess }, within);
      return { order, ...checkout };
    },
  );

  const commission = await evidence.step(
    '3. The referral platform shows a conversion attributed to that click and a commission equal to the rule applied to the amount; ' +
      "conversion.created and commission.created reach the harness's sink with valid signatures",
    async () => {
      const saleAmount = saleAmountExcludingTax(paid.session);
      const conversion = await expectConversionAttributed(
        referral,
        { click, checkoutSessionId: paid.session.id, saleAmount, currency: paid.session.currency ?? product.currency },
        within,
      );
      const created = await expectCommissionCreated(referral, { conversion, saleAmount }, within);
      await expectSinkReceived(webhookSink, { type: 'conversion.created', objectId: conversion.id }, within);
      await expectSinkReceived(webhookSink, { type: 'commission.created', objectId: created.id }, within);
      await evidence.attachScreenshot(page, 'success page after attribution');
      return created;
    },
  );

  await evidence.step(
    "4. Refund from the shop's admin → charge.refunded delivered, refund succeeded, commission reversed, commission.refunded reaches the sink",
    async () => {
      const refunded = await flows.refundOrder(paid.order.orderId);
      await evidence.attachScreenshot(page, 'admin orders after the refund');
      expect(refunded.status, 'the shop shows the order refunded').toBe('refunded');

      await expectEventDelivered(provider, { type: 'charge.refunded', objectId: paid.charge.id, providerAccess }, within);
      await expectRefundSucceeded(provider, paid.charge, within);
      // The platform's announcement first: when it never comes, the failure names commission.refunded.
      const announced = await expectSinkReceived(webhookSink, { type: 'commission.refunded', objectId: commission.id }, within);
      expect((announced.payload as ReferralWebhookEvent<ReferralCommission>).data.refund_amount, 'commission.refunded carries the whole sale as refunded')
        .toBe(commission.sale_amount);
      await expectCommissionReversed(referral, commission, within);
    },
  );
});
