import {
  expectCommissionCreated,
  expectCommissionReversed,
  expectConversionAttributed,
  expectEventDelivered,
  expectNothingNew,
  saleAmountExcludingTax,
} from '../src/expectations/index';
import { findProviderEvent } from '../src/provider/findProviderEvent';
import { clearInjectedFaults, injectWebhookFaults, readInjectedFaults } from '../src/provider/webhookFaults';
import { replayToMerchant } from '../src/webhooks/replayToMerchant';
import { expect, test } from '../fixtures/index';
import { browserMoment } from './support/browserMoment';
import { buyThroughHostedCheckout } from './support/hostedCheckoutPurchase';
import { openReferralLinkExpectingClick } from './support/referralLinkStep';
import { LIVE_MODE_SKIP, runCustomer } from './support/runCustomer';
import { settleWindowMs, skippedStep } from './support/skippedStep';

test.use({ flowName: 'webhook-resilience', severity: 'critical' });

const CHECKLIST = { checklist: ['webhook-handling-resilient'] };

test('events delivered late, twice, newest first and after a failed attempt: still one order, one charge, one conversion, one commission, one reversal', async ({
  page, target, targetEnvironment, rehearsalConfig, runId, flows, provider, referral, evidence, cleanupJournal, paymentCard,
}) => {
  test.skip(rehearsalConfig.mode === 'live', LIVE_MODE_SKIP.webhookResilience);
  const within = { evidence, timeoutMs: rehearsalConfig.eventTimeoutMs };
  const settleMs = settleWindowMs(rehearsalConfig.eventTimeoutMs);
  const providerAccess = targetEnvironment.provider;
  const partnerKey = rehearsalConfig.partnerKey ?? target.catalogue.partner.key;
  const { product } = target.catalogue;
  const customer = runCustomer(runId, paymentCard);

  const faultsTitle = '1. The provider delivers every event twice, the events of one request newest first, each after a failed first attempt';
  const faultsOn = await injectWebhookFaults(providerAccess, { duplicate: true, reorder: true, failFirst: 1 });
  try {
    if (faultsOn) {
      await evidence.step(faultsTitle, async () => evidence.attachJson('webhook faults injected by the provider', { duplicate: true, reorder: true, failFirst: 1 }), CHECKLIST);
    } else {
      await skippedStep(evidence, faultsTitle, 'the provider has no fault injection (GET /_sandbox/fault_injection answered 404, as real Stripe does); only the replay below probes the handler', CHECKLIST);
    }

    const click = await evidence.step("2. Open the partner's referral link → the click is recorded", async () =>
      openReferralLinkExpectingClick({ flows, evidence, referral, timeoutMs: within.timeoutMs }, partnerKey, runId),
    );

    const paid = await evidence.step(
      `3. Buy with ${paymentCard.label} → the success page; checkout.session.completed reaches every endpoint in the end`,
      async () => {
        const purchase = await buyThroughHostedCheckout({ page, flows, evidence, provider, cleanupJournal, timeoutMs: within.timeoutMs }, product.slug, customer, paymentCard);
        await expectEventDelivered(provider, { type: 'checkout.session.completed', objectId: purchase.session.id, providerAccess }, within);
        return purchase;
      },
      CHECKLIST,
    );

    const commission = await evidence.step(
      '4. Exactly one conversion for the sale and one commission for it, however often the event arrived',
      async () => {
        const saleAmount = saleAmountExcludingTax(paid.session);
        const conversion = await expectConversionAttributed(
          referral,
          { click, checkoutSessionId: paid.session.id, saleAmount, currency: paid.session.currency ?? product.currency },
          within,
        );
        const created = await expectCommissionCreated(referral, { conversion, saleAmount, agreedAmount: product.expectedCommission }, within);
        await expectNothingNew(
          {
            what: `second conversion or commission for checkout session ${paid.session.id}`,
            where: "the referral platform's API (GET /v1/conversions?source_id=…, GET /v1/commissions?conversion=…)",
            settleMs,
            check: async () => {
              const conversions = (await referral.listConversions({ source_id: paid.session.id })).data;
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
      "5. Refund from the shop's admin → the shop shows it refunded once, one refund at the provider, the commission reversed once",
      async () => {
        evidence.timeline(browserMoment('refund requested in the shop admin', paid.order.orderId));
        const refunded = await flows.refundOrder(paid.order.orderId);
        expect(refunded.status, 'the shop shows the order refunded').toBe('refunded');
        await expectEventDelivered(provider, { type: 'charge.refunded', objectId: paid.charge.id, providerAccess }, within);
        await expectCommissionReversed(referral, commission, within);
        await expectNothingNew(
          {
            what: `second refund of charge ${paid.charge.id} or second commission for conversion ${commission.conversion}`,
            where: "the provider's API (GET /v1/refunds?charge=…) and the referral platform's (GET /v1/commissions?conversion=…)",
            settleMs,
            check: async () => {
              const refunds = (await provider.refunds.list({ charge: paid.charge.id, limit: 10 })).data;
              if (refunds.length > 1) return `${refunds.length} refunds (${refunds.map((r) => `${r.id} ${r.amount}`).join(', ')})`;
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
          expect([...kinds].sort(), 'the provider really duplicated, reordered and failed deliveries during the run').toEqual(
            expect.arrayContaining(['duplicate', 'fail', 'reorder']),
          );
        }
      },
      CHECKLIST,
    );

    const replayTitle = "6. Send the run's own events to the shop's webhook endpoint again, twice each, newest first → each acknowledged, the order unchanged";
    const endpoint = targetEnvironment.merchant.webhook;
    if (!endpoint?.signingSecret || !flows.openSuccessPage) {
      const missing = !endpoint?.signingSecret ? "the merchant's webhook signing secret is not known (set MERCHANT_WEBHOOK_URL and MERCHANT_WEBHOOK_SECRET)" : 'the target cannot open its success page for a session';
      await skippedStep(evidence, replayTitle, missing, CHECKLIST);
      return;
    }
    await evidence.step(
      replayTitle,
      async () => {
        const before = await flows.openSuccessPage!(paid.session.id);
        const events = [
          (await findProviderEvent(provider, 'charge.refunded', paid.charge.id, within.timeoutMs)).value,
          (await findProviderEvent(provider, 'checkout.session.completed', paid.session.id, within.timeoutMs)).value,
        ];
        const deliveries = await replayToMerchant(provider, { url: endpoint.url, signingSecret: endpoint.signingSecret! }, events);
        await evidence.attachJson('replayed deliveries', deliveries);
        const unanswered = deliveries.filter((delivery) => delivery.status === null || delivery.status < 200 || delivery.status >= 300);
        expect(unanswered.map((d) => `${d.type} ${d.eventId} → ${d.status ?? d.error}`), "the shop acknowledges an event it already handled with a 2xx").toEqual([]);
        const after = await flows.openSuccessPage!(paid.session.id);
        await evidence.attachScreenshot(page, 'success page after the replay');
        expect(after, 'the order on the success page is unchanged by the replayed events').toEqual(before);
      },
      CHECKLIST,
    );
  } finally {
    if (faultsOn) await clearInjectedFaults(providerAccess);
  }
});

