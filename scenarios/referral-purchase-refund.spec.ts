import { expectAmountEquals, expectCommissionReversed } from '../src/run/expectations/index';
import type { ChecklistItemId } from '../src/model/checklist/types';
import { expect, test } from '../fixtures/index';
import { browserMoment } from '../fixtures/journey/browserMoment';
import { partialRefundAmount } from '../fixtures/journey/partialRefund';
import { paymentEventType, paymentFormWords, targetPaymentKind } from '../fixtures/journey/paymentEvent';
import { announcedEventData, sinkMessage } from '../fixtures/journey/sinkEventData';
import { productAbility } from '../fixtures/journey/targetAbility';

test.use({ flowName: 'referral-purchase-refund', severity: 'blocker' });

test('a referred customer buys, the partner earns a commission, a refund reverses it', async ({
  journey,
  target,
  provider,
  referral,
  evidence,
  within,
}) => {
  const { partner, refundChannel, card } = journey;
  const productToBuy = productAbility(target);
  test.skip(!productToBuy.run, productToBuy.reason);
  const product = productToBuy.run;
  if (!product) return;

  await journey.openReferralLink("1. Open the partner's referral link → the click is recorded at the referral platform", {
    checklist: ['referral-click-tracked'],
    landingScreenshot: true,
  });

  const paid = await evidence.step(
    `2. Buy ${paymentFormWords(target)} with ${card.label} → success page; ` +
      `${targetPaymentKind(target) === 'checkout_session' ? 'session complete, ' : ''}payment intent succeeded, charge paid; ` +
      `${paymentEventType(targetPaymentKind(target))} delivered to every endpoint`,
    async () => {
      // Each assertion fails only its own item: an undelivered event is not a failed payment (request ids: the calls).
      const paid = await evidence.check('payment-end-to-end', async () => {
        const bought = await journey.buy(product);
        const price = bought.session
          ? { what: "the checkout session's subtotal", amount: bought.session.amount_subtotal }
          : { what: `the amount of payment intent ${bought.paymentIntent.id}`, amount: bought.amount };
        expectAmountEquals(
          price.what,
          { amount: price.amount, currency: bought.currency },
          {
            amount: product.unitAmount,
            currency: product.currency,
            source: `the catalogue price of ${product.name}`,
          },
        );
        await journey.expectPaidByThisBrowser(bought);
        return bought;
      });
      await evidence.check('webhooks-delivered', () => journey.expectPaymentEventDelivered(paid.payment));
      return paid;
    },
    { checklist: ['payment-end-to-end', 'webhooks-delivered', 'request-ids-logged'] },
  );

  const commission = await journey.referralStep(
    '3. The referral platform shows a conversion attributed to that click and a commission equal to the rule applied to the amount, as agreed; ' +
      `conversion.created and commission.created delivered to the merchant's endpoints ${journey.referralDeliveryWords}` +
      (journey.sinkInUse ? " and to the harness's sink, signed" : ''),
    async ({ agreed }) => {
      const credited = await evidence.check(['conversion-and-commission-recorded', 'commission-rule-as-agreed'], () =>
        journey.expectSaleCredited(paid, { agreedAmount: agreed(product) }),
      );
      await journey.screenshot('success page after attribution');
      await evidence.check('webhooks-delivered', () => journey.expectSaleAnnounced(credited));
      return credited.commission;
    },
    { checklist: ['conversion-and-commission-recorded', 'commission-rule-as-agreed', 'webhooks-delivered'] },
  );

  // The refund is the merchant's evidence only when the merchant made it: a refund the harness made at the provider
  // itself proves nothing of the shop's (refund-end-to-end is then decided by 4b, not rehearsed).
  const merchantRefunds = refundChannel.by === 'merchant';
  const refundChecklist: ChecklistItemId[] = [];
  if (merchantRefunds) refundChecklist.push('refund-end-to-end');
  if (commission) refundChecklist.push('refund-reverses-commission');
  refundChecklist.push('webhooks-delivered');
  const sinkCarries = journey.sinkInUse ? " (to the harness's sink signed, carrying the rest of the sale)" : '';
  const commissionTitle = `the commission ${journey.partialRefundWords}, then is reversed; commission.refunded delivered each time`;
  await evidence.step(
    `4. Refund part of the order at the provider (as support does from its dashboard)${commission ? ` → the commission ${journey.partialRefundWords};` : ','} ` +
      `then the rest ${refundChannel.words} → charge.refunded delivered, the charge refunded in full` +
      `${commission ? `, commission reversed, commission.refunded delivered each time${sinkCarries}` : ''}`,
    async () => {
      const partial = commission ? partialRefundAmount(commission) : Math.max(1, Math.floor(paid.charge.amount / 4));
      evidence.timeline(browserMoment(`partial refund of ${partial} requested at the provider`, paid.charge.id));
      const refund = await provider.refunds.create({ payment_intent: paid.paymentIntent.id, amount: partial });
      await evidence.attachJson('partial refund', refund);
      const chargeRefunded = { type: 'charge.refunded', objectId: paid.charge.id };
      await evidence.check('webhooks-delivered', () => journey.expectEventDelivered(chargeRefunded));
      if (commission) {
        await evidence.check('refund-reverses-commission', () => journey.expectCommissionScaled(commission, partial));
      }
      const announcedPartial = commission
        ? await evidence.check('webhooks-delivered', () =>
            journey.expectReferralEventDelivered({ type: 'commission.refunded', objectId: commission.id }),
          )
        : undefined;

      const refundRest = () => journey.refundRestOfOrder(paid);
      await (merchantRefunds ? evidence.check('refund-end-to-end', refundRest) : refundRest());

      await evidence.check('webhooks-delivered', () => journey.expectEventDelivered(chargeRefunded));
      const refundedInFull = () => journey.expectChargeRefundedInFull(paid.charge);
      await (merchantRefunds ? evidence.check('refund-end-to-end', refundedInFull) : refundedInFull());
      if (!commission) return;
      // The platform's announcement of the rest: a second commission.refunded, delivered like the first.
      const announcedRest = await evidence.check('webhooks-delivered', () =>
        journey.expectReferralEventDelivered({
          type: 'commission.refunded',
          objectId: commission.id,
          besides: [...(announcedPartial?.messages ?? []), ...sinkMessage(announcedPartial?.sinkDelivery)],
        }),
      );
      await evidence.check('refund-reverses-commission', async () => {
        if (announcedRest.sinkDelivery) {
          // Only the sink sees what the webhook carries: the commission reversed, for what was left of the sale.
          const data = announcedEventData(announcedRest.sinkDelivery);
          expect(data.status, 'commission.refunded announces the commission refunded').toBe('refunded');
          expect(data.refund_amount, 'commission.refunded carries the rest of the sale as refunded').toBe(commission.sale_amount - partial);
        }
        await expectCommissionReversed(referral, commission, within);
      });
    },
    { checklist: refundChecklist },
  );
  await journey.merchantRefundCheckSkipped(`4b. The shop shows order ${paid.order.orderId} refunded`, {
    checklist: ['refund-end-to-end'],
  });
  if (partner.reason) {
    await journey.skippedStep(`4c. After the refunds, ${commissionTitle}`, partner.reason, {
      checklist: ['refund-reverses-commission'],
    });
  }
  await journey.sinkChecksSkipped(
    "5. The referral platform's webhooks reach the harness's sink with valid signatures, carrying the refunded amounts",
  );
});
