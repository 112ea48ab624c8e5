import {
  expectInvoicePaid,
  expectMerchantShows,
  expectNothingNew,
  expectSubscriptionActive,
  expectSubscriptionCanceled,
  expectSubscriptionCancelsAtPeriodEnd,
  expectSubscriptionCommission,
  invoiceSaleAmount,
} from '../src/run/expectations/index';
import type { ChecklistItemId } from '../src/model/checklist/types';
import type { StepOptions } from '../src/run/evidence/evidenceRecorder';
import { momentNow } from '../src/run/evidence/timeline';
import { advanceTestClock, createRunTestClock, currentPeriodEnd, deleteTestClock } from '../src/run/expectations/testClocks';
import { expect, test } from '../fixtures/index';
import { browserMoment } from '../fixtures/journey/browserMoment';
import { skipTestForTargetGap } from '../fixtures/journey/skippedStep';
import { flowAbility, missingFlows, planAbility, testClockReason } from '../fixtures/journey/targetAbility';

test.use({ flowName: 'subscribe-renew-cancel', severity: 'blocker' });

/** The subscription's customer.subscription.updated that set it to end with its period. */
const CANCELS_AT_PERIOD_END = {
  description: 'cancel_at_period_end true',
  test: (object: Record<string, unknown>) => object.cancel_at_period_end === true,
};

/** Stripe finalizes and charges a renewal invoice about an hour after the period ends: advance past that. */
const PAST_PERIOD_END_S = 2 * 60 * 60;

test('a referred customer subscribes, the partner earns on the first invoice and the renewal, a cancellation stops both', async ({
  journey,
  target,
  flows,
  provider,
  referral,
  evidence,
  within,
  cleanupJournal,
}) => {
  const { partner, settleMs, card } = journey;
  const planToBuy = planAbility(target);
  skipTestForTargetGap(planToBuy.reason);
  const cannot = missingFlows(target, flows, ['startSubscription', 'readSubscription']);
  skipTestForTargetGap(cannot && `${cannot}: subscribing is what this flow rehearses`);
  const plan = planToBuy.run;
  const startSubscription = flowAbility(target, flows, 'startSubscription').run;
  const readSubscription = flowAbility(target, flows, 'readSubscription').run;
  if (!plan || !startSubscription || !readSubscription) return;
  const customer = journey.customerPaying(plan.currency);
  const noClockReason = testClockReason(target, journey.mode);
  const readAccountStatus = flowAbility(target, flows, 'readAccountSubscriptionStatus');
  const cancel = flowAbility(target, flows, 'cancelSubscription');
  /** How the merchant canceled in step 5: now, or (its own setting) at the end of the period. */
  const cancelled: { at: 'now' | 'at_period_end' } = { at: 'now' };

  // The customer lives on a test clock the harness creates (named after the run) and deletes after the test.
  const clock = noClockReason === undefined ? await createRunTestClock(provider, journey.runId) : undefined;
  if (clock) await evidence.attachJson('test clock created for the run', clock);
  try {
    await journey.openReferralLink("1. Open the partner's referral link → the click is recorded at the referral platform", {
      checklist: ['referral-click-tracked'],
      landingScreenshot: true,
    });

    const subscribed = await evidence.step(
      `2. Subscribe to "${plan.name}" with ${card.label}${clock ? " (customer on the run's test clock)" : ''} → ` +
        'success page; subscription active; ' +
        'first invoice paid (subscription_create) and invoice.paid delivered to every endpoint',
      async () => {
        // Each assertion fails only its own item: an undelivered invoice.paid is no failed subscription (request ids: the calls).
        const lifecycle = await evidence.check('subscription-lifecycle', async () => {
          await startSubscription(plan.slug, customer, { testClockId: clock?.id });
          const { payment } = await journey.fillPaymentPage(customer, card, 'payment page (card fields masked)');
          evidence.timeline(browserMoment(`subscribed to ${plan.name} (payment submitted)`));
          await flows.submitPayment();
          await cleanupJournal.paymentSubmitted(payment);
          const shown = await readSubscription();
          await cleanupJournal.learned('subscription', shown.subscriptionId);
          await journey.screenshot('success page');
          await evidence.attachJson('subscription on the success page', shown);

          const subscription = await expectSubscriptionActive(provider, shown.subscriptionId, within);
          const customerId = typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id;
          await cleanupJournal.learned('customer', customerId);
          const providerCustomer = await provider.customers.retrieve(customerId);
          await evidence.attachJson('customer', providerCustomer);
          await journey.expectSubscriptionPaidByThisBrowser(subscription);
          const customerClock = providerCustomer.deleted ? undefined : providerCustomer.test_clock;
          if (clock) expect(customerClock, "the customer is on the run's test clock").toBe(clock.id);

          const invoice = await expectInvoicePaid(
            provider,
            { subscriptionId: subscription.id, billingReason: 'subscription_create', amount: plan.unitAmount, currency: plan.currency },
            within,
          );
          return { shown, subscription, invoice };
        });
        const invoicePaid = { type: 'invoice.paid', objectId: lifecycle.invoice.id };
        await evidence.check('webhooks-delivered', () => journey.expectEventDelivered(invoicePaid));
        return lifecycle;
      },
      { checklist: ['subscription-lifecycle', 'webhooks-delivered', 'request-ids-logged'] },
    );
    const subscriptionId = subscribed.subscription.id;

    await journey.referralStep(
      '3. The referral platform shows a conversion for the first invoice attributed to that click and a commission equal to the rule ' +
        "applied to it, as agreed; conversion.created and commission.created delivered to the merchant's endpoints " +
        `${journey.referralDeliveryWords}${journey.sinkInUse ? " and to the harness's sink, signed" : ''}`,
      async ({ agreed }) => {
        const referredClick = journey.click();
        const credited = await evidence.check(['conversion-and-commission-recorded', 'commission-rule-as-agreed'], async () => {
          const found = await expectSubscriptionCommission(
            referral,
            {
              which: 'first',
              subscriptionId,
              invoice: subscribed.invoice,
              click: referredClick,
              saleAmount: invoiceSaleAmount(subscribed.invoice),
              currency: subscribed.invoice.currency,
              agreedAmount: agreed(plan),
            },
            within,
          );
          expect(found.conversion.click, 'the first conversion is attributed to the click').toBe(referredClick.id);
          return found;
        });
        await evidence.check('webhooks-delivered', () => journey.expectSaleAnnounced(credited));
      },
      { checklist: ['conversion-and-commission-recorded', 'commission-rule-as-agreed', 'webhooks-delivered'] },
    );

    const commissionItems: ChecklistItemId[] = ['conversion-and-commission-recorded', 'commission-rule-as-agreed'];
    const renewalChecklist: ChecklistItemId[] = ['subscription-lifecycle', 'webhooks-delivered', ...(partner.run ? commissionItems : [])];
    const renewalCommission = 'a renewal commission equal to the rule, as agreed; commission.created delivered';
    const renewalTitle =
      `4. Advance the test clock one ${plan.interval} → renewal invoice paid (subscription_cycle), invoice.paid delivered` +
      `${partner.run ? `, ${renewalCommission}` : ''}`;
    if (clock) {
      await evidence.step(
        renewalTitle,
        async () => {
          evidence.timeline(momentNow('provider', `test clock advanced one ${plan.interval} (renewal)`, clock.id));
          await advanceTestClock(provider, clock.id, currentPeriodEnd(subscribed.subscription) + PAST_PERIOD_END_S, within);
          const renewal = await evidence.check('subscription-lifecycle', () =>
            expectInvoicePaid(
              provider,
              { subscriptionId, billingReason: 'subscription_cycle', amount: plan.unitAmount, currency: plan.currency },
              within,
            ),
          );
          const renewalPaid = { type: 'invoice.paid', objectId: renewal.id };
          await evidence.check('webhooks-delivered', () => journey.expectEventDelivered(renewalPaid));
          if (!partner.run) return;
          const agreedAmount = partner.run.agreed(plan);
          const { commission } = await evidence.check(commissionItems, () =>
            expectSubscriptionCommission(
              referral,
              {
                which: 'renewal',
                subscriptionId,
                invoice: renewal,
                click: journey.click(),
                saleAmount: invoiceSaleAmount(renewal),
                currency: renewal.currency,
                agreedAmount,
              },
              within,
            ),
          );
          await evidence.check('webhooks-delivered', () =>
            journey.expectReferralEventDelivered({ type: 'commission.created', objectId: commission.id }),
          );
        },
        { checklist: renewalChecklist },
      );
    } else {
      // No test clock in live mode is an exemption; in test mode, the target's lack (capabilities.testClock).
      await journey.skippedStep(renewalTitle, noClockReason ?? 'no test clock was created for the run', {
        checklist: renewalChecklist,
        targetGap: journey.mode !== 'live',
      });
    }
    if (partner.reason) {
      const title = `4b. At the renewal, ${renewalCommission}`;
      await journey.skippedStep(title, partner.reason, { checklist: commissionItems });
    }

    const subscriptionDeleted = { type: 'customer.subscription.deleted', objectId: subscriptionId };
    const cancelWhere = target.capabilities.cancellation === 'customer-portal' ? "in Stripe's customer portal" : 'from the account page';
    const cancelTitle =
      `5. Cancel ${cancelWhere} → customer.subscription.deleted delivered to every endpoint, the subscription canceled at the ` +
      'provider' +
      (readAccountStatus.run ? ', the account page shows it canceled' : '') +
      ' (a merchant that cancels at the end of the period: customer.subscription.updated, set to cancel then)';
    const cancelChecklist: StepOptions = { checklist: ['subscription-lifecycle', 'webhooks-delivered'] };
    if (cancel.run) {
      const cancelSubscription = cancel.run;
      await evidence.step(
        cancelTitle,
        async () => {
          if (readAccountStatus.run) {
            const shown = await readAccountStatus.run(subscriptionId);
            await evidence.check('subscription-lifecycle', async () => {
              expect(shown.trim().toLowerCase(), 'the account page shows the subscription active before cancelling').toBe('active');
            });
            await journey.screenshot('account page before cancelling');
          }
          evidence.timeline(browserMoment(`subscription canceled ${cancelWhere}`, subscriptionId));
          cancelled.at = (await cancelSubscription(subscriptionId, 'now')) ?? 'now';
          await journey.screenshot('after cancelling');
          if (cancelled.at === 'at_period_end') {
            // The merchant's setting (e.g. the portal's "at the end of the billing period") ends it with its period.
            await evidence.check('webhooks-delivered', () =>
              journey.expectEventDelivered({
                type: 'customer.subscription.updated',
                objectId: subscriptionId,
                showing: CANCELS_AT_PERIOD_END,
              }),
            );
            await evidence.check('subscription-lifecycle', () => expectSubscriptionCancelsAtPeriodEnd(provider, subscriptionId, within));
            return;
          }
          await evidence.check('webhooks-delivered', () => journey.expectEventDelivered(subscriptionDeleted));
          await evidence.check('subscription-lifecycle', () => expectSubscriptionCanceled(provider, subscriptionId, within));
          if (readAccountStatus.run) {
            const read = readAccountStatus.run;
            await expectMerchantShows(
              () => read(subscriptionId),
              { what: `subscription ${subscriptionId}`, page: 'account page', text: 'canceled' },
              within,
            );
            await journey.screenshot('account page after cancelling');
          }
        },
        cancelChecklist,
      );
      if (readAccountStatus.reason) {
        const title = '5b. The account page shows the subscription active before and canceled after';
        await journey.skippedStep(title, readAccountStatus.reason, {
          checklist: ['subscription-lifecycle'],
          targetGap: true,
        });
      }
    } else {
      await journey.skippedStep(cancelTitle, cancel.reason, { ...cancelChecklist, targetGap: true });
    }

    const afterCancelTitle =
      `6. Advance the test clock another ${plan.interval} → ` +
      `no new invoice${partner.run ? ' and no new commission' : ''} ` +
      `(watched for a ${(settleMs / 1000).toFixed(1)} s settle window after the clock is ready); a cancellation at the period end ` +
      'has then ended it: customer.subscription.deleted delivered, the subscription canceled';
    if (clock && cancel.run) {
      await evidence.step(
        afterCancelTitle,
        async () => {
          const invoicesBefore = new Set(
            (await provider.invoices.list({ subscription: subscriptionId, limit: 100 })).data.map((i) => i.id),
          );
          const referralObjects = async () => {
            if (!partner.run) return []; // a payment-only merchant: no conversion or commission to watch (6b)
            const conversions = (await referral.listConversions({ subscription: subscriptionId })).data;
            const commissions = await Promise.all(conversions.map((c) => referral.listCommissions({ conversion: c.id })));
            return [
              ...conversions.map((c) => `conversion ${c.id} (${c.source.type} ${c.source.id})`),
              ...commissions.flatMap((l) => l.data.map((c) => `commission ${c.id}`)),
            ];
          };
          const referralBefore = new Set(await referralObjects());
          const renewed = await provider.subscriptions.retrieve(subscriptionId);
          evidence.timeline(momentNow('provider', `test clock advanced another ${plan.interval} (after the cancellation)`, clock.id));
          await advanceTestClock(provider, clock.id, currentPeriodEnd(renewed) + PAST_PERIOD_END_S, within);
          const clockReadyAt = Date.now();
          if (cancelled.at === 'at_period_end') {
            await evidence.check('webhooks-delivered', () => journey.expectEventDelivered(subscriptionDeleted));
            await evidence.check('subscription-lifecycle', () => expectSubscriptionCanceled(provider, subscriptionId, within));
          }
          await expectNothingNew(
            {
              what: `new invoice for canceled subscription ${subscriptionId}`,
              where: `the provider's API (GET /v1/invoices?subscription=${subscriptionId})`,
              settleMs,
              windowStartsAt: clockReadyAt,
              check: async () => {
                const fresh = (await provider.invoices.list({ subscription: subscriptionId, limit: 100 })).data.filter(
                  (i) => !invoicesBefore.has(i.id),
                );
                return fresh.length ? `invoice ${fresh.map((i) => `${i.id} (${i.billing_reason}, ${i.status})`).join(', ')}` : undefined;
              },
            },
            within,
          );
          if (partner.run)
            await expectNothingNew(
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
        },
        { checklist: cancelled.at === 'at_period_end' ? ['subscription-lifecycle', 'webhooks-delivered'] : ['subscription-lifecycle'] },
      );
    } else {
      const why = noClockReason ?? `the subscription was not canceled (step 5 skipped: ${cancel.reason})`;
      await journey.skippedStep(afterCancelTitle, why, {
        checklist: ['subscription-lifecycle'],
        targetGap: journey.mode !== 'live',
      });
    }
    if (partner.reason) {
      const title = '6b. After the cancellation, no new conversion or commission for the subscription';
      await journey.skippedStep(title, partner.reason);
    }
    await journey.sinkChecksSkipped("7. The referral platform's webhooks reach the harness's sink with valid signatures");
  } finally {
    if (clock) await deleteTestClock(provider, clock.id).catch(() => undefined);
  }
});
