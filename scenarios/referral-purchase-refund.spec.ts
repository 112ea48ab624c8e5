import {
  expectAmountEquals,
  expectCommissionCreated,
  expectCommissionReversed,
  expectConversionAttributed,
  expectEventDelivered,
  expectSinkReceived,
  saleAmountExcludingTax,
} from '../src/expectations/index';
import type { ReferralCommission, ReferralWebhookEvent } from '../src/referral/types';
import { expect, test } from '../fixtures/index';
import { browserMoment } from './support/browserMoment';
import { buyThroughHostedCheckout } from './support/hostedCheckoutPurchase';
import { openReferralLinkExpectingClick } from './support/referralLinkStep';
import { runCustomer } from './support/runCustomer';
import { expectChargeRefundedInFull, expectCommissionScaled, partialRefundAmount } from './support/partialRefund';

test.use({ flowName: 'referral-purchase-refund', severity: 'blocker' });

test('a referred customer buys, the partner earns a commission, a refund reverses it', async ({
  page, target, targetEnvironment, rehearsalConfig, runId, flows, provider, referral, webhookSink, evidence, cleanupJournal, paymentCard,
}) => {
  const within = { evidence, timeoutMs: rehearsalConfig.eventTimeoutMs };
  const purchase = { page, flows, evidence, provider, cleanupJournal, timeoutMs: within.timeoutMs };
  const providerAccess = targetEnvironment.provider;
  const partnerKey = rehearsalConfig.partnerKey ?? target.catalogue.partner.key;
  const { product } = target.catalogue;
  const customer = runCustomer(runId, paymentCard);

  const click = await evidence.step(
    "1. Open the partner's referral link → the click is recorded at the referral platform",
    async () => openReferralLinkExpectingClick({ flows, evidence, referral, timeoutMs: within.timeoutMs, page }, partnerKey, runId),
    { checklist: ['referral-click-tracked'] },
  );

  const paid = await evidence.step(
    `2. Buy through the hosted checkout with ${paymentCard.label} → success page; session complete, payment intent succeeded, charge paid; ` +
      'checkout.session.completed delivered to every endpoint',
    async () => {
      const { order, ...checkout } = await buyThroughHostedCheckout(purchase, product.slug, customer, paymentCard);
      expectAmountEquals("the checkout session's subtotal", { amount: checkout.session.amount_subtotal, currency: checkout.session.currency }, {
        amount: product.unitAmount,
        currency: product.currency,
        source: `the catalogue price of ${product.name}`,
      });
      expect(checkout.session.customer_details?.email ?? checkout.session.customer_email, 'the session is for the run customer').toBe(customer.email);
      await expectEventDelivered(provider, { type: 'checkout.session.completed', objectId: checkout.session.id, providerAccess }, within);
      return { order, ...checkout };
    },
    { checklist: ['payment-end-to-end', 'webhooks-delivered', 'request-ids-logged'] },
  );

  const commission = await evidence.step(
    '3. The referral platform shows a conversion attributed to that click and a commission equal to the rule applied to the amount, as agreed; ' +
      "conversion.created and commission.created reach the harness's sink with valid signatures",
    async () => {
      const saleAmount = saleAmountExcludingTax(paid.session);
      const conversion = await expectConversionAttributed(
        referral,
        { click, checkoutSessionId: paid.session.id, saleAmount, currency: paid.session.currency ?? product.currency },
        within,
      );
      const created = await expectCommissionCreated(referral, { conversion, saleAmount, agreedAmount: product.expectedCommission }, within);
      await expectSinkReceived(webhookSink, { type: 'conversion.created', objectId: conversion.id }, within);
      await expectSinkReceived(webhookSink, { type: 'commission.created', objectId: created.id }, within);
      await evidence.attachScreenshot(page, 'success page after attribution');
      return created;
    },
    { checklist: ['conversion-and-commission-recorded', 'commission-rule-as-agreed'] },
  );

  await evidence.step(
    "4. Refund part of the order at the provider (as support does from its dashboard) → the commission shrinks in proportion; " +
      "then the rest from the shop's admin → charge.refunded delivered, the charge refunded in full, commission reversed, " +
      'commission.refunded reaches the sink',
    async () => {
      const partial = partialRefundAmount(commission);
      evidence.timeline(browserMoment(`partial refund of ${partial} requested at the provider`, paid.charge.id));
      const refund = await provider.refunds.create({ charge: paid.charge.id, amount: partial });
      await evidence.attachJson('partial refund', refund);
      await expectEventDelivered(provider, { type: 'charge.refunded', objectId: paid.charge.id, providerAccess }, within);
      await expectCommissionScaled({ referral, webhookSink }, commission, partial, within);

      evidence.timeline(browserMoment('refund requested in the shop admin', paid.order.orderId));
      const refunded = await flows.refundOrder(paid.order.orderId);
      await evidence.attachScreenshot(page, 'admin orders after the refund');
      expect(refunded.status, 'the shop shows the order refunded').toBe('refunded');

      await expectEventDelivered(provider, { type: 'charge.refunded', objectId: paid.charge.id, providerAccess }, within);
      await expectChargeRefundedInFull(provider, paid.charge, within);
      // The platform's announcement of the rest: the commission reversed, for what was left of the sale.
      const announced = await webhookSink.waitForDelivery(
        (delivery) => {
          const data = (delivery.payload as ReferralWebhookEvent<ReferralCommission> | null)?.data;
          return delivery.eventType === 'commission.refunded' && data?.id === commission.id && data.status === 'refunded';
        },
        { what: `commission.refunded for ${commission.id} with status refunded, with a valid signature`, timeoutMs: within.timeoutMs },
      );
      expect((announced.payload as ReferralWebhookEvent<ReferralCommission>).data.refund_amount, 'commission.refunded carries the rest of the sale as refunded')
        .toBe(commission.sale_amount - partial);
      await expectCommissionReversed(referral, commission, within);
    },
    { checklist: ['refund-end-to-end', 'refund-reverses-commission', 'webhooks-delivered'] },
  );
});
