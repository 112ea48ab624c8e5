import {
  describePayment,
  expectNoSecondCharge,
  expectNothingNew,
  expectPaymentSucceeded,
  paidPayments,
} from '../src/run/expectations/index';
import { readRequestLog } from '../src/run/provider/requestLog';
import type { MerchantOrder, PaymentReference } from '../src/model/target/contract';
import { TEST_CARDS } from '../src/model/target/testCards';
import type { ChecklistItemId } from '../src/model/checklist/types';
import type { StepOptions } from '../src/run/evidence/evidenceRecorder';
import { expect, test } from '../fixtures/index';
import { findProviderEvent } from '../src/run/provider/findProviderEvent';
import { replayToMerchant } from '../src/run/webhooks/replayToMerchant';
import { browserMoment } from '../fixtures/journey/browserMoment';
import { paymentCreationPath, paymentEvent } from '../fixtures/journey/paymentEvent';
import { LIVE_MODE_SKIP } from '../fixtures/journey/runCustomer';
import { runStartedAt, skipTestForTargetGap } from '../fixtures/journey/skippedStep';
import { flowAbility, missingFlows, productAbility } from '../fixtures/journey/targetAbility';

test.use({ flowName: 'duplicate-submit', severity: 'critical' });

const oneCharge: StepOptions = { checklist: ['no-double-charge'] };

test('an impatient customer double clicks Buy, goes back and buys again, reloads the receipt: charged once, one commission', async ({
  journey,
  target,
  targetEnvironment,
  flows,
  provider,
  referral,
  evidence,
  within,
}) => {
  test.skip(journey.mode === 'live', LIVE_MODE_SKIP.duplicateSubmit);
  // No one-time product (a subscription-only merchant) is an exemption, decided before any target gap.
  const productToBuy = productAbility(target);
  test.skip(!productToBuy.run, productToBuy.reason);
  const product = productToBuy.run;
  if (!product) return;
  const doubleClickBuy = flowAbility(target, flows, 'startCheckoutWithDoubleClick');
  const cannot = doubleClickBuy.reason;
  skipTestForTargetGap(cannot && `${cannot}: the double click on Buy is what this flow rehearses`);
  const startCheckoutWithDoubleClick = doubleClickBuy.run;
  if (!startCheckoutWithDoubleClick) return;
  const { partner, settleMs } = journey;
  const customer = journey.customerPaying(product.currency);
  const since = runStartedAt();
  const goBackAndResubmit = flowAbility(target, flows, 'goBackAndResubmitOrder');
  const reloadSuccessPage = flowAbility(target, flows, 'reloadSuccessPage');
  /** Every order (and its payment) the merchant showed the customer. */
  const shownOrders: MerchantOrder[] = [];
  /** When the customer's last action that could lead to a charge or a conversion ended: settle windows run from there. */
  let lastCustomerActionAt = Date.now();

  // The click is the precondition of "one commission", not a checklist item of this flow.
  await journey.openReferralLink("1. Open the partner's referral link → the click is recorded at the referral platform");

  await evidence.step(
    '2. Double click Buy, pay with 4242… → the success page',
    async () => {
      evidence.timeline(browserMoment('Buy double-clicked'));
      await startCheckoutWithDoubleClick(product.slug, customer);
      const screenshotName = 'payment page after the double click (card fields masked)';
      await journey.fillPaymentPage(customer, TEST_CARDS.succeeds, screenshotName);
      evidence.timeline(browserMoment('payment submitted'));
      await flows.submitPayment();
      shownOrders.push(await journey.readOrderShown());
      lastCustomerActionAt = Date.now();
      await journey.screenshot('success page');
    },
    oneCharge,
  );

  const resubmitTitle = '3. Go back to the order form and submit it again (paying again if a payment page shows) → the success page';
  if (goBackAndResubmit.run) {
    const goBack = goBackAndResubmit.run;
    await evidence.step(
      resubmitTitle,
      async () => {
        evidence.timeline(browserMoment('order form submitted again after going back'));
        const landing = await goBack();
        await evidence.attachJson('where the resubmitted form led', { landing });
        if (landing === 'payment-page') {
          // A real customer shown a payment page again pays again: whether that charges twice is the merchant's doing.
          await journey.fillPaymentPage(customer, TEST_CARDS.succeeds, 'payment page shown again (card fields masked)');
          evidence.timeline(browserMoment('payment submitted again'));
          await flows.submitPayment();
        }
        shownOrders.push(await journey.readOrderShown());
        lastCustomerActionAt = Date.now();
        await journey.screenshot('success page after resubmitting');
      },
      oneCharge,
    );
  } else {
    await journey.skippedStep(resubmitTitle, goBackAndResubmit.reason, { ...oneCharge, targetGap: true });
  }

  const reloadTitle = '4. Reload the success page → it shows the same order';
  if (reloadSuccessPage.run) {
    const reload = reloadSuccessPage.run;
    await evidence.step(
      reloadTitle,
      async () => {
        evidence.timeline(browserMoment('success page reloaded'));
        shownOrders.push(await reload());
        lastCustomerActionAt = Date.now();
        await journey.screenshot('success page after reloading');
        await evidence.attachJson('orders shown to the customer', shownOrders);
      },
      oneCharge,
    );
  } else {
    await journey.skippedStep(reloadTitle, reloadSuccessPage.reason, { ...oneCharge, targetGap: true });
  }

  // A second charge fails no-double-charge, a second commission the commission item: never the request-id item
  // (decided by the calls' request ids), nor each other.
  const oneCommission = 'one conversion and one commission';
  const oneChargeChecklist: ChecklistItemId[] = ['no-double-charge', 'request-ids-logged'];
  if (partner.run) oneChargeChecklist.push('conversion-and-commission-recorded');
  const paid = await evidence.step(
    partner.run
      ? `5. Exactly one charge, one paid payment, one order, ${oneCommission} for the run`
      : '5. Exactly one charge, one paid payment and one order for the run',
    async () => {
      const succeeded = await evidence.check('no-double-charge', async () => {
        // What the success pages named and every payment the browser opened or confirmed: a second one shows without an email.
        const shownPayments = uniquePayments([...shownOrders.map((order) => order.payment), ...journey.paymentsSeenByBrowser()]);
        const payments = await expectNoSecondCharge(
          provider,
          {
            customerEmail: customer.email,
            since,
            payments: shownPayments,
            settleMs,
            windowStartsAt: lastCustomerActionAt,
          },
          within,
        );
        await evidence.attachJson("the run's checkout sessions and payment intents", {
          sessions: payments.sessions,
          paymentIntents: payments.paymentIntents,
        });
        const paidOnes = paidPayments(payments);
        expect(
          paidOnes.map(describePayment),
          'exactly one payment of the run went through (a paid checkout session or a succeeded payment intent)',
        ).toHaveLength(1);
        const orderIds = new Set(
          [
            ...shownOrders.map((o) => o.orderId),
            ...payments.sessions.map((s) => s.metadata?.order_id),
            ...payments.paymentIntents.map((i) => i.metadata?.order_id),
          ].filter(Boolean),
        );
        expect([...orderIds], "the merchant created exactly one order (its success pages and the provider's payments agree)").toHaveLength(
          1,
        );

        return expectPaymentSucceeded(provider, paidOnes[0]!, within);
      });
      if (!partner.run) return succeeded;
      const agreedAmount = partner.run.agreed(product);
      await evidence.check('conversion-and-commission-recorded', async () => {
        const referredClick = journey.click();
        const { conversion, commission } = await journey.expectSaleCredited(succeeded, { agreedAmount });
        await expectNothingNew(
          {
            what: `second conversion or commission for click ${referredClick.id}`,
            where: `the referral platform's API (GET /v1/conversions?click=${referredClick.id}, GET /v1/commissions?conversion=…)`,
            settleMs,
            windowStartsAt: lastCustomerActionAt,
            check: async () => {
              const conversions = (await referral.listConversions({ click: referredClick.id })).data;
              const commissions = (await Promise.all(conversions.map((c) => referral.listCommissions({ conversion: c.id })))).flatMap(
                (l) => l.data,
              );
              const extra = [
                ...conversions.filter((c) => c.id !== conversion.id).map((c) => `conversion ${c.id}`),
                ...commissions.filter((c) => c.id !== commission.id).map((c) => `commission ${c.id}`),
              ];
              return extra.length ? extra.join(', ') : undefined;
            },
          },
          within,
        );
      });
      return succeeded;
    },
    { checklist: oneChargeChecklist },
  );
  if (partner.reason) {
    const title = `5b. Exactly ${oneCommission} for the run`;
    await journey.skippedStep(title, partner.reason, { checklist: ['conversion-and-commission-recorded'] });
  }

  const completed = paymentEvent(paid.payment);
  const redeliveryTitle =
    `6. ${completed.type} delivered to the merchant again (as a provider retry does) → the merchant acknowledges it and still shows one ` +
    'order (fulfilled once, where its success page counts order confirmations)';
  const webhook = targetEnvironment.merchant.webhook;
  // The order is read again on the success page: by reloading it, else by opening it for the payment.
  const openSuccessPage = flowAbility(target, flows, 'openSuccessPage');
  const readOrderAgain = reloadSuccessPage.run ?? (openSuccessPage.run ? () => openSuccessPage.run(paid.payment) : undefined);
  if (!webhook?.signingSecret) {
    const reason =
      "the merchant's webhook signing secret is not known (MERCHANT_WEBHOOK_SECRET), " + 'so the harness cannot deliver an event again';
    await journey.skippedStep(redeliveryTitle, reason, oneCharge);
  } else if (!readOrderAgain) {
    const cannotRead = missingFlows(target, flows, ['reloadSuccessPage', 'openSuccessPage']);
    await journey.skippedStep(redeliveryTitle, `${cannotRead}, so the order cannot be read again after the event`, {
      ...oneCharge,
      targetGap: true,
    });
  } else {
    const signingSecret = webhook.signingSecret;
    await evidence.step(
      redeliveryTitle,
      async () => {
        const { value: event } = await findProviderEvent(provider, completed.type, completed.objectId, within.timeoutMs);
        evidence.timeline(browserMoment(`${event.type} delivered again by the harness`, event.id));
        const [delivery] = await replayToMerchant(provider, { url: webhook.url, signingSecret }, [event], 1);
        const status = delivery?.status ?? 0;
        await evidence.attachJson('the event delivered again', { event: event.id, type: event.type, url: webhook.url, status });
        expect(status, `the merchant acknowledges ${event.type} ${event.id} delivered again with a 2xx`).toBeGreaterThanOrEqual(200);
        expect(status, `the merchant acknowledges ${event.type} ${event.id} delivered again with a 2xx`).toBeLessThan(300);
        const order = await readOrderAgain();
        await journey.screenshot('success page after the event was delivered again');
        await evidence.attachJson('order after the event was delivered again', order);
        expect(order?.orderId, 'the success page shows the same order').toBe(shownOrders[0]?.orderId);
        if (order?.confirmationEmails === undefined) {
          await evidence.attachJson('fulfilled once: not checked', {
            reason:
              "the merchant's success page shows no count of order confirmations (MerchantOrder.confirmationEmails), so whether the redelivered event fulfilled the order again was not observed",
          });
        } else {
          expect(
            order.confirmationEmails,
            `the merchant sent one order confirmation after ${event.type} ${event.id} was delivered twice (a second confirmation means the redelivered event fulfilled the order again)`,
          ).toBe(1);
        }
      },
      oneCharge,
    );
  }

  const requestLogTitle = "7. The idempotency keys of the merchant's POSTs to the provider, from the provider's request log";
  const creationPath = paymentCreationPath(paid.payment.kind);
  const log = await readRequestLog(targetEnvironment.provider, { path: creationPath, limit: 100 });
  if (!log) {
    await journey.skippedStep(
      requestLogTitle,
      'the provider has no request log (GET /_sandbox/requests answered 404; ' + "real Stripe shows it in the Dashboard's logs)",
    );
    return;
  }
  await evidence.step(requestLogTitle, async () => {
    const posts = log.filter((request) => request.method === 'POST' && request.created >= since);
    await evidence.attachJson(`POST ${creationPath} with their idempotency keys`, posts);
  });
});

/** The payments, each once. */
function uniquePayments(payments: PaymentReference[]): PaymentReference[] {
  return [...new Map(payments.map((payment) => [`${payment.kind}:${payment.id}`, payment])).values()];
}
