import { expectAmountEquals, expectCommissionReversed, expectEventDelivered } from '../src/run/expectations/index';
import type { ReferralCommission, ReferralWebhookEvent } from '../contracts/referral';
import { expect, test } from '../fixtures/index';
import { expectPaidByThisBrowser } from '../src/run/expectations/expectPaidByThisBrowser';
import { browserMoment } from './support/browserMoment';
import { expectChargeRefundedInFull, expectCommissionScaled, partialRefundAmount } from './support/partialRefund';
import { paymentEvent, paymentEventType, paymentFormWords, targetPaymentKind } from './support/paymentEvent';
import { buyProduct } from './support/purchase';
import { openReferralLinkExpectingClick } from './support/referralLinkStep';
import { merchantRefundCheckSkipped, refundRestOfOrder } from './support/orderRefund';
import { foundEarlier, referralProgrammeAbility, referralStep } from './support/referralProgramme';
import { skippedStep } from './support/skippedStep';
import { runCustomer } from './support/runCustomer';
import { expectSaleAnnounced, expectSaleCredited } from './support/saleCredited';
import { sinkChecksSkipped } from './support/sinkChecks';
import { expectReferralEventDelivered } from '../src/run/expectations/expectReferralEventDelivered';
import { productAbility, refundAbility } from './support/targetAbility';

test.use({ flowName: 'referral-purchase-refund', severity: 'blocker' });

test('a referred customer buys, the partner earns a commission, a refund reverses it', async ({
  page, target, targetEnvironment, rehearsalConfig, runId, flows, provider, referral, webhookSink, sinkPosture, evidence, within, cleanupJournal, paymentCard, browserPayments,
}) => {
  const purchase = { page, flows, evidence, provider, cleanupJournal, timeoutMs: within.timeoutMs };
  const providerAccess = targetEnvironment.provider;
  const programme = referralProgrammeAbility(target, rehearsalConfig);
  const productToBuy = productAbility(target);
  test.skip(!productToBuy.run, productToBuy.reason);
  const product = productToBuy.run;
  if (!product) return;
  const customer = runCustomer(runId, paymentCard, product.currency);
  const refundWay = refundAbility(target, flows);

  const click = await referralStep(
    evidence,
    programme,
    "1. Open the partner's referral link → the click is recorded at the referral platform",
    async ({ partnerKey }) => openReferralLinkExpectingClick({ flows, evidence, referral, timeoutMs: within.timeoutMs, page }, partnerKey, runId),
    { checklist: ['referral-click-tracked'] },
  );

  const paid = await evidence.step(
    `2. Buy ${paymentFormWords(target)} with ${paymentCard.label} → success page; ` +
      `${targetPaymentKind(target) === 'checkout_session' ? 'session complete, ' : ''}payment intent succeeded, charge paid; ` +
      `${paymentEventType(targetPaymentKind(target))} delivered to every endpoint`,
    async () => {
      // Each assertion fails only its own item: an undelivered event is not a failed payment (request ids: the calls).
      const paid = await evidence.check('payment-end-to-end', async () => {
        const bought = await buyProduct(purchase, product.slug, customer, paymentCard);
        const price = bought.session
          ? { what: "the checkout session's subtotal", amount: bought.session.amount_subtotal }
          : { what: `the amount of payment intent ${bought.paymentIntent.id}`, amount: bought.amount };
        expectAmountEquals(price.what, { amount: price.amount, currency: bought.currency }, {
          amount: product.unitAmount,
          currency: product.currency,
          source: `the catalogue price of ${product.name}`,
        });
        await expectPaidByThisBrowser(provider, bought, browserPayments.payments(), within);
        return bought;
      });
      await evidence.check('webhooks-delivered', () => expectEventDelivered(provider, { ...paymentEvent(paid.payment), providerAccess }, within));
      return paid;
    },
    { checklist: ['payment-end-to-end', 'webhooks-delivered', 'request-ids-logged'] },
  );

  const commission = await referralStep(
    evidence,
    programme,
    '3. The referral platform shows a conversion attributed to that click and a commission equal to the rule applied to the amount, as agreed; ' +
      `conversion.created and commission.created delivered to the merchant's endpoints (delivery log)${webhookSink ? " and to the harness's sink, signed" : ''}`,
    async ({ agreed }) => {
      const credited = await evidence.check(['conversion-and-commission-recorded', 'commission-rule-as-agreed'], () =>
        expectSaleCredited({ referral }, { click: foundEarlier(click, 'the click'), paid, agreedAmount: agreed(product) }, within),
      );
      await evidence.attachScreenshot(page, 'success page after attribution');
      await evidence.check('webhooks-delivered', () => expectSaleAnnounced({ referral, webhookSink }, credited, within));
      return credited.commission;
    },
    { checklist: ['conversion-and-commission-recorded', 'commission-rule-as-agreed', 'webhooks-delivered'] },
  );

  // The refund is the merchant's evidence only when the merchant made it: a refund the harness made at the provider
  // itself proves nothing of the shop's (refund-end-to-end is then decided by 4b, not rehearsed).
  const merchantRefunds = refundWay.by === 'merchant';
  const refundChecklist = [...(merchantRefunds ? ['refund-end-to-end'] : []), ...(commission ? ['refund-reverses-commission'] : []), 'webhooks-delivered'];
  const commissionTitle = 'the commission shrinks in proportion, then is reversed; commission.refunded delivered each time';
  await evidence.step(
    `4. Refund part of the order at the provider (as support does from its dashboard)${commission ? ' → the commission shrinks in proportion;' : ','} ` +
      `then the rest ${refundWay.words} → charge.refunded delivered, the charge refunded in full` +
      `${commission ? `, commission reversed, commission.refunded delivered each time${webhookSink ? " (to the harness's sink signed, carrying the rest of the sale)" : ''}` : ''}`,
    async () => {
      const partial = commission ? partialRefundAmount(commission) : Math.max(1, Math.floor(paid.charge.amount / 4));
      evidence.timeline(browserMoment(`partial refund of ${partial} requested at the provider`, paid.charge.id));
      const refund = await provider.refunds.create({ payment_intent: paid.paymentIntent.id, amount: partial });
      await evidence.attachJson('partial refund', refund);
      await evidence.check('webhooks-delivered', () => expectEventDelivered(provider, { type: 'charge.refunded', objectId: paid.charge.id, providerAccess }, within));
      if (commission) await evidence.check('refund-reverses-commission', () => expectCommissionScaled({ referral }, commission, partial, within));
      const announcedPartial = commission
        ? await evidence.check('webhooks-delivered', () =>
            expectReferralEventDelivered({ referral, webhookSink }, { type: 'commission.refunded', objectId: commission.id }, within),
          )
        : undefined;

      const refundRest = () => refundRestOfOrder({ page, evidence, provider }, refundWay, paid);
      await (merchantRefunds ? evidence.check('refund-end-to-end', refundRest) : refundRest());

      await evidence.check('webhooks-delivered', () => expectEventDelivered(provider, { type: 'charge.refunded', objectId: paid.charge.id, providerAccess }, within));
      const refundedInFull = () => expectChargeRefundedInFull(provider, paid.charge, within);
      await (merchantRefunds ? evidence.check('refund-end-to-end', refundedInFull) : refundedInFull());
      if (!commission) return;
      // The platform's announcement of the rest: a second commission.refunded, delivered like the first.
      const announcedRest = await evidence.check('webhooks-delivered', () =>
        expectReferralEventDelivered(
          { referral, webhookSink },
          { type: 'commission.refunded', objectId: commission.id, besides: [...(announcedPartial?.messages ?? []), ...sinkMessage(announcedPartial?.sinkDelivery)] },
          within,
        ),
      );
      await evidence.check('refund-reverses-commission', async () => {
        if (announcedRest.sinkDelivery) {
          // Only the sink sees what the webhook carries: the commission reversed, for what was left of the sale.
          const data = (announcedRest.sinkDelivery.payload as ReferralWebhookEvent<ReferralCommission>).data;
          expect(data.status, 'commission.refunded announces the commission refunded').toBe('refunded');
          expect(data.refund_amount, 'commission.refunded carries the rest of the sale as refunded').toBe(commission.sale_amount - partial);
        }
        await expectCommissionReversed(referral, commission, within);
      });
    },
    { checklist: refundChecklist },
  );
  await merchantRefundCheckSkipped(evidence, refundWay, `4b. The shop shows order ${paid.order.orderId} refunded`, { checklist: ['refund-end-to-end'] });
  if (programme.reason) await skippedStep(evidence, `4c. After the refunds, ${commissionTitle}`, programme.reason, { checklist: ['refund-reverses-commission'] });
  await sinkChecksSkipped(evidence, programme, sinkPosture,
    "5. The referral platform's webhooks reach the harness's sink with valid signatures, carrying the refunded amounts");
});

/** The sink's delivery's message id, for telling the next message of the same object from it. */
function sinkMessage(delivery: { eventId?: string } | undefined): string[] {
  return delivery?.eventId ? [delivery.eventId] : [];
}
