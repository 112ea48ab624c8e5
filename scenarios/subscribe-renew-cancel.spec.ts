import type Stripe from 'stripe';
import {
  expectEventDelivered,
  expectInvoicePaid,
  expectMerchantShows,
  expectNothingNew,
  expectSubscriptionActive,
  expectSubscriptionCanceled,
  expectSubscriptionCancelsAtPeriodEnd,
  expectSubscriptionCommission,
  invoiceSaleAmount,
} from '../src/run/expectations/index';
import { momentNow } from '../src/run/evidence/timeline';
import { advanceTestClock, createRunTestClock, currentPeriodEnd, deleteTestClock } from '../src/run/expectations/testClocks';
import { expect, test } from '../fixtures/index';
import { expectSubscriptionPaidByThisBrowser } from '../src/run/expectations/expectPaidByThisBrowser';
import { browserMoment } from './support/browserMoment';
import { openReferralLinkExpectingClick } from './support/referralLinkStep';
import { foundEarlier, referralProgrammeAbility, referralStep } from './support/referralProgramme';
import { runCustomer } from './support/runCustomer';
import { expectSaleAnnounced } from './support/saleCredited';
import { sinkChecksSkipped } from './support/sinkChecks';
import { expectReferralEventDelivered } from '../src/run/expectations/expectReferralEventDelivered';
import { settleWindowMs } from './support/settleWindow';
import { skippedStep, skipTestForTargetGap } from './support/skippedStep';
import { flowAbility, missingFlows, planAbility, testClockReason } from './support/targetAbility';

test.use({ flowName: 'subscribe-renew-cancel', severity: 'blocker' });

/** The subscription's customer.subscription.updated that set it to end with its period. */
const CANCELS_AT_PERIOD_END = { description: 'cancel_at_period_end true', test: (object: Record<string, unknown>) => object.cancel_at_period_end === true };

/** Stripe finalizes and charges a renewal invoice about an hour after the period ends: advance past that. */
const PAST_PERIOD_END_S = 2 * 60 * 60;

test('a referred customer subscribes, the partner earns on the first invoice and the renewal, a cancellation stops both', async ({
  page, target, targetEnvironment, rehearsalConfig, runId, flows, provider, referral, webhookSink, sinkPosture, evidence, within, cleanupJournal, paymentCard, browserPayments,
}) => {
  const providerAccess = targetEnvironment.provider;
  const programme = referralProgrammeAbility(target, rehearsalConfig);
  const planToBuy = planAbility(target);
  skipTestForTargetGap(planToBuy.reason);
  const cannot = missingFlows(target, flows, ['startSubscription', 'readSubscription']);
  skipTestForTargetGap(cannot && `${cannot}: subscribing is what this flow rehearses`);
  const plan = planToBuy.run;
  if (!plan) return;
  const customer = runCustomer(runId, paymentCard, plan.currency);
  const settleMs = settleWindowMs(rehearsalConfig, target);
  const noClockReason = testClockReason(target, rehearsalConfig.mode);
  const readAccountStatus = flowAbility(target, flows, 'readAccountSubscriptionStatus');
  const cancel = flowAbility(target, flows, 'cancelSubscription');
  /** How the merchant canceled in step 5: now, or (its own setting) at the end of the period. */
  const cancelled: { at: 'now' | 'at_period_end' } = { at: 'now' };

  // The customer lives on a test clock the harness creates (named after the run) and deletes after the test.
  const clock = noClockReason === undefined ? await createRunTestClock(provider, runId) : undefined;
  if (clock) await evidence.attachJson('test clock created for the run', clock);
  try {
    const click = await referralStep(
      evidence,
      programme,
      "1. Open the partner's referral link → the click is recorded at the referral platform",
      async ({ partnerKey }) => openReferralLinkExpectingClick({ flows, evidence, referral, timeoutMs: within.timeoutMs, page }, partnerKey, runId),
      { checklist: ['referral-click-tracked'] },
    );

    const subscribed = await evidence.step(
      `2. Subscribe to "${plan.name}" with ${paymentCard.label}${clock ? ' (customer on the run\'s test clock)' : ''} → success page; subscription active; ` +
        'first invoice paid (subscription_create) and invoice.paid delivered to every endpoint',
      async () => {
        // Each assertion fails only its own item: an undelivered invoice.paid is no failed subscription (request ids: the calls).
        const lifecycle = await evidence.check('subscription-lifecycle', async () => {
          await flows.startSubscription!(plan.slug, customer, { testClockId: clock?.id });
          const { cardFields, payment } = await flows.fillPayment(paymentCard, customer);
          await evidence.attachScreenshot(page, 'payment page (card fields masked)', { mask: cardFields });
          await cleanupJournal.checkoutStarted({ email: customer.email, payment });
          evidence.timeline(browserMoment(`subscribed to ${plan.name} (payment submitted)`));
          await flows.submitPayment();
          await cleanupJournal.paymentSubmitted(payment);
          const shown = await flows.readSubscription!();
          await cleanupJournal.learned('subscription', shown.subscriptionId);
          await evidence.attachScreenshot(page, 'success page');
          await evidence.attachJson('subscription on the success page', shown);

          const subscription = await expectSubscriptionActive(provider, shown.subscriptionId, within);
          const customerId = typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id;
          await cleanupJournal.learned('customer', customerId);
          const providerCustomer = (await provider.customers.retrieve(customerId)) as Stripe.Customer;
          await evidence.attachJson('customer', providerCustomer);
          await expectSubscriptionPaidByThisBrowser(provider, subscription, browserPayments.payments(), within);
          if (clock) expect(providerCustomer.test_clock, "the customer is on the run's test clock").toBe(clock.id);

          const invoice = await expectInvoicePaid(
            provider,
            { subscriptionId: subscription.id, billingReason: 'subscription_create', amount: plan.unitAmount, currency: plan.currency },
            within,
          );
          return { shown, subscription, invoice };
        });
        await evidence.check('webhooks-delivered', () => expectEventDelivered(provider, { type: 'invoice.paid', objectId: lifecycle.invoice.id, providerAccess }, within));
        return lifecycle;
      },
      { checklist: ['subscription-lifecycle', 'webhooks-delivered', 'request-ids-logged'] },
    );
    const subscriptionId = subscribed.subscription.id;

    await referralStep(
      evidence,
      programme,
      '3. The referral platform shows a conversion for the first invoice attributed to that click and a commission equal to the rule ' +
        `applied to it, as agreed; conversion.created and commission.created delivered to the merchant's endpoints (delivery log)${webhookSink ? " and to the harness's sink, signed" : ''}`,
      async ({ agreed }) => {
        const referredClick = foundEarlier(click, 'the click');
        const credited = await evidence.check(['conversion-and-commission-recorded', 'commission-rule-as-agreed'], async () => {
          const found = await expectSubscriptionCommission(
            referral,
            {
              which: 'first', subscriptionId, invoice: subscribed.invoice, click: referredClick,
              saleAmount: invoiceSaleAmount(subscribed.invoice), currency: subscribed.invoice.currency, agreedAmount: agreed(plan),
            },
            within,
          );
          expect(found.conversion.click, 'the first conversion is attributed to the click').toBe(referredClick.id);
          return found;
        });
        await evidence.check('webhooks-delivered', () => expectSaleAnnounced({ referral, webhookSink }, credited, within));
      },
      { checklist: ['conversion-and-commission-recorded', 'commission-rule-as-agreed', 'webhooks-delivered'] },
    );

    const commissionItems = ['conversion-and-commission-recorded', 'commission-rule-as-agreed'];
    const renewalChecklist = ['subscription-lifecycle', 'webhooks-delivered', ...(programme.run ? commissionItems : [])];
    const renewalCommission = 'a renewal commission equal to the rule, as agreed; commission.created delivered';
    const renewalTitle =
      `4. Advance the test clock one ${plan.interval} → renewal invoice paid (subscription_cycle), invoice.paid delivered` +
      `${programme.run ? `, ${renewalCommission}` : ''}`;
    if (clock) {
      await evidence.step(renewalTitle, async () => {
        evidence.timeline(momentNow('provider', `test clock advanced one ${plan.interval} (renewal)`, clock.id));
        await advanceTestClock(provider, clock.id, currentPeriodEnd(subscribed.subscription) + PAST_PERIOD_END_S, within);
        const renewal = await evidence.check('subscription-lifecycle', () =>
          expectInvoicePaid(provider, { subscriptionId, billingReason: 'subscription_cycle', amount: plan.unitAmount, currency: plan.currency }, within),
        );
        await evidence.check('webhooks-delivered', () => expectEventDelivered(provider, { type: 'invoice.paid', objectId: renewal.id, providerAccess }, within));
        if (!programme.run) return;
        const agreedAmount = programme.run.agreed(plan);
        const { commission } = await evidence.check(commissionItems, () =>
          expectSubscriptionCommission(
            referral,
            {
              which: 'renewal', subscriptionId, invoice: renewal, click: foundEarlier(click, 'the click'),
              saleAmount: invoiceSaleAmount(renewal), currency: renewal.currency, agreedAmount,
            },
            within,
          ),
        );
        await evidence.check('webhooks-delivered', () =>
          expectReferralEventDelivered({ referral, webhookSink }, { type: 'commission.created', objectId: commission.id }, within),
        );
      }, { checklist: renewalChecklist });
    } else {
      // No test clock in live mode is an exemption; in test mode, the target's lack (capabilities.testClock).
      await skippedStep(evidence, renewalTitle, noClockReason ?? 'no test clock was created for the run', { checklist: renewalChecklist, targetGap: rehearsalConfig.mode !== 'live' });
    }
    if (programme.reason) await skippedStep(evidence, `4b. At the renewal, ${renewalCommission}`, programme.reason, { checklist: commissionItems });

    const cancelWhere = target.capabilities.cancellation === 'customer-portal' ? "in Stripe's customer portal" : 'from the account page';
    const cancelTitle =
      `5. Cancel ${cancelWhere} → customer.subscription.deleted delivered to every endpoint, the subscription canceled at the ` +
      'provider' + (readAccountStatus.run ? ', the account page shows it canceled' : '') +
      ' (a merchant that cancels at the end of the period: customer.subscription.updated, set to cancel then)';
    const cancelChecklist = { checklist: ['subscription-lifecycle', 'webhooks-delivered'] };
    if (cancel.run) {
      const cancelSubscription = cancel.run;
      await evidence.step(cancelTitle, async () => {
        if (readAccountStatus.run) {
          const shown = await readAccountStatus.run(subscriptionId);
          await evidence.check('subscription-lifecycle', async () => {
            expect(shown.trim().toLowerCase(), 'the account page shows the subscription active before cancelling').toBe('active');
          });
          await evidence.attachScreenshot(page, 'account page before cancelling');
        }
        evidence.timeline(browserMoment(`subscription canceled ${cancelWhere}`, subscriptionId));
        cancelled.at = (await cancelSubscription(subscriptionId, 'now')) ?? 'now';
        await evidence.attachScreenshot(page, 'after cancelling');
        if (cancelled.at === 'at_period_end') {
          // The merchant's setting (e.g. the portal's "at the end of the billing period") ends it with its period.
          await evidence.check('webhooks-delivered', () => expectEventDelivered(provider, { type: 'customer.subscription.updated', objectId: subscriptionId, providerAccess, showing: CANCELS_AT_PERIOD_END }, within));
          await evidence.check('subscription-lifecycle', () => expectSubscriptionCancelsAtPeriodEnd(provider, subscriptionId, within));
          return;
        }
        await evidence.check('webhooks-delivered', () => expectEventDelivered(provider, { type: 'customer.subscription.deleted', objectId: subscriptionId, providerAccess }, within));
        await evidence.check('subscription-lifecycle', () => expectSubscriptionCanceled(provider, subscriptionId, within));
        if (readAccountStatus.run) {
          const read = readAccountStatus.run;
          await expectMerchantShows(
            () => read(subscriptionId),
            { what: `subscription ${subscriptionId}`, page: 'account page', text: 'canceled' },
            within,
          );
          await evidence.attachScreenshot(page, 'account page after cancelling');
        }
      }, cancelChecklist);
      if (readAccountStatus.reason) {
        await skippedStep(evidence, "5b. The account page shows the subscription active before and canceled after", readAccountStatus.reason, { checklist: ['subscription-lifecycle'], targetGap: true });
      }
    } else {
      await skippedStep(evidence, cancelTitle, cancel.reason, { ...cancelChecklist, targetGap: true });
    }

    const afterCancelTitle =
      `6. Advance the test clock another ${plan.interval} → no new invoice${programme.run ? ' and no new commission' : ''} ` +
      `(watched for a ${(settleMs / 1000).toFixed(1)} s settle window after the clock is ready); a cancellation at the period end ` +
      'has then ended it: customer.subscription.deleted delivered, the subscription canceled';
    if (clock && cancel.run) {
      await evidence.step(afterCancelTitle, async () => {
        const invoicesBefore = new Set((await provider.invoices.list({ subscription: subscriptionId, limit: 100 })).data.map((i) => i.id));
        const referralObjects = async () => {
          if (!programme.run) return []; // a payment-only merchant: no conversion or commission to watch (6b)
          const conversions = (await referral.listConversions({ subscription: subscriptionId })).data;
          const commissions = await Promise.all(conversions.map((c) => referral.listCommissions({ conversion: c.id })));
          return [...conversions.map((c) => `conversion ${c.id} (${c.source.type} ${c.source.id})`), ...commissions.flatMap((l) => l.data.map((c) => `commission ${c.id}`))];
        };
        const referralBefore = new Set(await referralObjects());
        const renewed = await provider.subscriptions.retrieve(subscriptionId);
        evidence.timeline(momentNow('provider', `test clock advanced another ${plan.interval} (after the cancellation)`, clock.id));
        await advanceTestClock(provider, clock.id, currentPeriodEnd(renewed) + PAST_PERIOD_END_S, within);
        const clockReadyAt = Date.now();
        if (cancelled.at === 'at_period_end') {
          await evidence.check('webhooks-delivered', () => expectEventDelivered(provider, { type: 'customer.subscription.deleted', objectId: subscriptionId, providerAccess }, within));
          await evidence.check('subscription-lifecycle', () => expectSubscriptionCanceled(provider, subscriptionId, within));
        }
        await expectNothingNew(
          {
            what: `new invoice for canceled subscription ${subscriptionId}`,
            where: `the provider's API (GET /v1/invoices?subscription=${subscriptionId})`,
            settleMs,
            windowStartsAt: clockReadyAt,
            check: async () => {
              const fresh = (await provider.invoices.list({ subscription: subscriptionId, limit: 100 })).data.filter((i) => !invoicesBefore.has(i.id));
              return fresh.length ? `invoice ${fresh.map((i) => `${i.id} (${i.billing_reason}, ${i.status})`).join(', ')}` : undefined;
            },
          },
          within,
        );
        if (programme.run) await expectNothingNew(
          {
            what: `new conversion or commission for canceled subscription ${subscriptionId}`,
            where: `the referral platform's API (GET /v1/conversions?subscription=${subscriptionId}, GET /v1/commissions?conversion=…)`,
            settleMs,
            windowStartsAt: clockReadyAt,
            check: async () => {
              const fresh = (await referralObjects()).filter((seen) => !referralBefore.has(seen));
              return fresh.length ? fresh.join(', ') : undefined;
            },
          },
          within,
        );
      }, { checklist: cancelled.at === 'at_period_end' ? ['subscription-lifecycle', 'webhooks-delivered'] : ['subscription-lifecycle'] });
    } else {
      const why = noClockReason ?? `the subscription was not canceled (step 5 skipped: ${cancel.reason})`;
      await skippedStep(evidence, afterCancelTitle, why, { checklist: ['subscription-lifecycle'], targetGap: rehearsalConfig.mode !== 'live' });
    }
    if (programme.reason) {
      await skippedStep(evidence, '6b. After the cancellation, no new conversion or commission for the subscription', programme.reason);
    }
    await sinkChecksSkipped(evidence, programme, sinkPosture, "7. The referral platform's webhooks reach the harness's sink with valid signatures");
  } finally {
    if (clock) await deleteTestClock(provider, clock.id).catch(() => undefined);
  }
});
