import {
  conversionsOfPayment,
  describePayment,
  expectCommissionReversed,
  expectNothingNew,
  isForPayment,
} from '../src/run/expectations/index';
import type { StepOptions } from '../src/run/evidence/evidenceRecorder';
import { findProviderEvent } from '../src/run/provider/findProviderEvent';
import { clearInjectedFaults, injectWebhookFaults, readInjectedFaults } from '../src/run/provider/webhookFaults';
import { replayToMerchant } from '../src/run/webhooks/replayToMerchant';
import { expect, test } from '../fixtures/index';
import { paymentEvent, paymentEventType, targetPaymentKind } from '../fixtures/journey/paymentEvent';
import { LIVE_MODE_SKIP } from '../fixtures/journey/runCustomer';
import { flowAbility, productAbility } from '../fixtures/journey/targetAbility';

test.use({ flowName: 'webhook-resilience', severity: 'critical' });

const CHECKLIST: StepOptions = { checklist: ['webhook-handling-resilient'] };

test('events delivered late, twice, newest first and after a failed attempt: still one order, one charge, one conversion, one commission, one reversal', async ({
  journey,
  target,
  targetEnvironment,
  flows,
  provider,
  referral,
  evidence,
  within,
}) => {
  test.skip(journey.mode === 'live', LIVE_MODE_SKIP.webhookResilience);
  const { partner, refundChannel, settleMs } = journey;
  const providerAccess = targetEnvironment.provider;
  const productToBuy = productAbility(target);
  test.skip(!productToBuy.run, productToBuy.reason);
  const product = productToBuy.run;
  if (!product) return;

  const faultsTitle =
    '1. The provider delivers every event twice, the events of one request newest first, each after a failed first attempt';
  const faultsOn = await injectWebhookFaults(providerAccess, { duplicate: true, reorder: true, failFirst: 1 });
  try {
    if (faultsOn) {
      // The harness's own doing: it decides no item (the steps below, under these faults, do).
      await evidence.step(faultsTitle, async () =>
        evidence.attachJson('webhook faults injected by the provider', { duplicate: true, reorder: true, failFirst: 1 }),
      );
    } else {
      const reason =
        'the provider has no fault injection (GET /_sandbox/fault_injection answered 404, as real Stripe does); ' +
        'only the replay below probes the handler';
      await journey.skippedStep(faultsTitle, reason, CHECKLIST);
    }

    await journey.openReferralLink("2. Open the partner's referral link → the click is recorded");

    const paid = await evidence.step(
      `3. Buy with ${journey.card.label} → the success page; ` +
        `${paymentEventType(targetPaymentKind(target))} reaches every endpoint in the end`,
      async () => {
        const purchase = await journey.buy(product);
        await journey.expectPaymentEventDelivered(purchase.payment);
        return { ...purchase, deliveredAt: Date.now() };
      },
      CHECKLIST,
    );

    const commission = await journey.referralStep(
      '4. Exactly one conversion for the sale and one commission for it, however often the event arrived',
      async ({ agreed }) => {
        const credited = await journey.expectSaleCredited(paid, { agreedAmount: agreed(product) });
        const { conversion, commission: created } = credited;
        const query = conversionsOfPayment(paid.payment);
        await expectNothingNew(
          {
            what: `second conversion or commission for ${describePayment(paid.payment)}`,
            where: `the referral platform's API (GET /v1/conversions?${Object.keys(query)[0]}=…, GET /v1/commissions?conversion=…)`,
            settleMs,
            // From when the payment event had reached every endpoint: a second copy of it is what could credit twice.
            windowStartsAt: paid.deliveredAt,
            check: async () => {
              const conversions = (await referral.listConversions({ ...query, limit: 100 })).data.filter((c) =>
                isForPayment(c, paid.payment),
              );
              if (conversions.length > 1) return `${conversions.length} conversions (${conversions.map((c) => c.id).join(', ')})`;
              const commissions = (await referral.listCommissions({ conversion: conversion.id })).data;
              return commissions.length > 1 ? `${commissions.length} commissions (${commissions.map((c) => c.id).join(', ')})` : undefined;
            },
          },
          within,
        );
        return created;
      },
      CHECKLIST,
    );

    await evidence.step(
      `5. Refund ${refundChannel.words} → ` +
        `${refundChannel.by === 'merchant' ? 'the shop shows it refunded once, ' : ''}one refund at the provider` +
        `${commission ? ', the commission reversed once' : ''}`,
      async () => {
        await journey.refundRestOfOrder(paid);
        await journey.expectEventDelivered({ type: 'charge.refunded', objectId: paid.charge.id });
        const refundDeliveredAt = Date.now();
        if (commission) await expectCommissionReversed(referral, commission, within);
        await expectNothingNew(
          {
            what: `second refund of charge ${paid.charge.id}${commission ? ` or second commission for conversion ${commission.conversion}` : ''}`,
            where: `the provider's API (GET /v1/refunds?charge=…)${commission ? " and the referral platform's (GET /v1/commissions?conversion=…)" : ''}`,
            settleMs,
            windowStartsAt: refundDeliveredAt,
            check: async () => {
              const refunds = (await provider.refunds.list({ charge: paid.charge.id, limit: 10 })).data;
              if (refunds.length > 1) return `${refunds.length} refunds (${refunds.map((r) => `${r.id} ${r.amount}`).join(', ')})`;
              if (!commission) return undefined; // a payment-only merchant: no commission to reverse (5c)
              const commissions = (await referral.listCommissions({ conversion: commission.conversion })).data;
              return commissions.length > 1 ? `${commissions.length} commissions` : undefined;
            },
          },
          within,
        );
        if (faultsOn) {
          const injected = (await readInjectedFaults(providerAccess)) ?? [];
          await evidence.attachJson('faults the provider injected', injected);
          const kinds = new Set(injected.map((fault) => fault.kind));
          expect([...kinds].sort(), 'the provider really duplicated and failed deliveries during the run').toEqual(
            expect.arrayContaining(['duplicate', 'fail']),
          );
          // The provider can reorder only what one request sends one endpoint together (the demo's checkout sends
          // three events at once; a Payment Element shop may get one event per request): say so rather than fail.
          if (!kinds.has('reorder')) {
            test.info().annotations.push({
              type: 'note',
              description: 'No delivery was reordered: no request of this run sent two or more events to the same endpoint.',
            });
          }
        }
      },
      CHECKLIST,
    );
    await journey.merchantRefundCheckSkipped(`5b. The shop shows order ${paid.order.orderId} refunded once`, CHECKLIST);
    if (partner.reason) {
      const title = '5c. The commission reversed once, however often the refund event arrived';
      await journey.skippedStep(title, partner.reason);
    }

    const replayTitle =
      "6. Send the run's own events to the shop's webhook endpoint again, twice each, newest first → each acknowledged, the order unchanged";
    const endpoint = targetEnvironment.merchant.webhook;
    const signingSecret = endpoint?.signingSecret;
    const openSuccessPage = flowAbility(target, flows, 'openSuccessPage');
    if (!endpoint || !signingSecret || !openSuccessPage.run) {
      const missing = !signingSecret
        ? "the merchant's webhook signing secret is not known (set MERCHANT_WEBHOOK_URL and MERCHANT_WEBHOOK_SECRET)"
        : `${openSuccessPage.reason}, so the order cannot be read again for the payment`;
      // With the secret known, what is missing is the target's openSuccessPage.
      await journey.skippedStep(replayTitle, missing, { ...CHECKLIST, targetGap: Boolean(signingSecret) });
      return;
    }
    await evidence.step(
      replayTitle,
      async () => {
        const before = await openSuccessPage.run(paid.payment);
        const completed = paymentEvent(paid.payment);
        const events = [
          (await findProviderEvent(provider, 'charge.refunded', paid.charge.id, within.timeoutMs)).value,
          (await findProviderEvent(provider, completed.type, completed.objectId, within.timeoutMs)).value,
        ];
        const deliveries = await replayToMerchant(provider, { url: endpoint.url, signingSecret }, events);
        await evidence.attachJson('replayed deliveries', deliveries);
        const unanswered = deliveries.filter((delivery) => delivery.status === null || delivery.status < 200 || delivery.status >= 300);
        expect(
          unanswered.map((d) => `${d.type} ${d.eventId} → ${d.status ?? d.error}`),
          'the shop acknowledges an event it already handled with a 2xx',
        ).toEqual([]);
        const after = await openSuccessPage.run(paid.payment);
        await journey.screenshot('success page after the replay');
        expect(after, 'the order on the success page is unchanged by the replayed events').toEqual(before);
      },
      CHECKLIST,
    );
  } finally {
    if (faultsOn) await clearInjectedFaults(providerAccess);
  }
});
