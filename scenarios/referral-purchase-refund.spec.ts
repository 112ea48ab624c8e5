import { expectAmountEquals, expectCommissionReversed, expectEventDelivered } from '../src/expectations/index';
import type { ReferralCommission, ReferralWebhookEvent } from '../src/referral/types';
import { expect, test } from '../fixtures/index';
import { browserMoment } from './support/browserMoment';
import { expectChargeRefundedInFull, expectCommissionScaled, partialRefundAmount } from './support/partialRefund';
import { paymentEvent, paymentEventType, paymentFormWords, targetPaymentKind } from './support/paymentEvent';
import { buyProduct } from './support/purchase';
import { openReferralLinkExpectingClick } from './support/referralLinkStep';
import { merchantRefundCheckSkipped, refundRestOfOrder } from './support/orderRefund';
import { runCustomer } from './support/runCustomer';
import { expectSaleCredited } from './support/saleCredited';
import { refundAbility } from './support/targetAbility';

test.use({ flowName: 'referral-purchase-refund', severity: 'blocker' });

test('a referred customer buys, the partner earns a commission, a refund reverses it', async ({
  page, target, targetEnvironment, rehearsalConfig, runId, flows, provider, referral, webhookSink, evidence, within, cleanupJournal, paymentCard,
}) => {
  const purchase = { page, flows, evidence, provider, cleanupJournal, timeoutMs: within.timeoutMs };
  const providerAccess = targetEnvironment.provider;
  const partnerKey = rehearsalConfig.partnerKey ?? target.catalogue.partner.key;
  const { product } = target.catalogue;
  const customer = runCustomer(runId, paymentCard, product.currency);
  const refundWay = refundAbility(target, flows);

  const click = await evidence.step(
    "1. Open the partner's referral link → the click is recorded at the referral platform",
    async () => openReferralLinkExpectingClick({ flows, evidence, referral, timeoutMs: within.timeoutMs, page }, partnerKey, runId),
    { checklist: ['referral-click-tracked'] },
  );

  const paid = await evidence.step(
    `2. Buy ${paymentFormWords(target)} with ${paymentCard.label} → success page; ` +
      `${targetPaymentKind(target) === 'checkout_session' ? 'session complete, ' : ''}payment intent succeeded, charge paid; ` +
      `${paymentEventType(targetPaymentKind(target))} delivered to every endpoint`,
    async () => {
      const paid = await buyProduct(purchase, product.slug, customer, paymentCard);
      const price = paid.session
        ? { what: "the checkout session's subtotal", amount: paid.session.amount_subtotal }
        : { what: `the amount of payment intent ${paid.paymentIntent.id}`, amount: paid.amount };
      expectAmountEquals(price.what, { amount: price.amount, currency: paid.currency }, {
        amount: product.unitAmount,
        currency: product.currency,
        source: `the catalogue price of ${product.name}`,
      });
      expect(paid.customerEmail, 'the payment is for the run customer').toBe(customer.email);
      await expectEventDelivered(provider, { ...paymentEvent(paid.payment), providerAccess }, within);
      return paid;
    },
    { checklist: ['payment-end-to-end', 'webhooks-delivered', 'request-ids-logged'] },
  );

  const commission = await evidence.step(
    '3. The referral platform shows a conversion attributed to that click and a commission equal to the rule applied to the amount, as agreed; ' +
      "conversion.created and commission.created reach the harness's sink with valid signatures",
    async () => {
      const { commission: created } = await expectSaleCredited({ referral, webhookSink }, { click, paid, agreedAmount: product.expectedCommission }, within);
      await evidence.attachScreenshot(page, 'success page after attribution');
      return created;
    },
    { checklist: ['conversion-and-commission-recorded', 'commission-rule-as-agreed'] },
  );

  const refundChecklist = ['refund-end-to-end', 'refund-reverses-commission', 'webhooks-delivered'];
  await evidence.step(
    "4. Refund part of the order at the provider (as support does from its dashboard) → the commission shrinks in proportion; " +
      `then the rest ${refundWay.words} → charge.refunded delivered, the charge refunded in full, commission reversed, ` +
      'commission.refunded reaches the sink',
    async () => {
      const partial = partialRefundAmount(commission);
      evidence.timeline(browserMoment(`partial refund of ${partial} requested at the provider`, paid.charge.id));
      const refund = await provider.refunds.create({ payment_intent: paid.paymentIntent.id, amount: partial });
      await evidence.attachJson('partial refund', refund);
      await expectEventDelivered(provider, { type: 'charge.refunded', objectId: paid.charge.id, providerAccess }, within);
      await expectCommissionScaled({ referral, webhookSink }, commission, partial, within);

      await refundRestOfOrder({ page, evidence, provider }, refundWay, paid);

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
    { checklist: refundChecklist },
  );
  await merchantRefundCheckSkipped(evidence, refundWay, `4b. The shop shows order ${paid.order.orderId} refunded`, { checklist: ['refund-end-to-end'] });
});
