import Stripe from 'stripe';
import { paymentIntentsOfInvoice, subscriptionOfInvoice } from '../../../sandbox/merchant/pinnedReads';
import { applySubscriptionEvent } from '../../../sandbox/merchant/subscriptionEvents';
import { SubscriptionBook } from '../../../sandbox/merchant/subscriptionRecords';
import { expect, test } from '../provider/support/fixtures';
import { paidSubscription, pinnedTo } from '../provider/versions/pinnedClients';

/*
 * The sandbox merchants read what 2025-03-31.basil moved (an invoice's subscription and PaymentIntent) the way code
 * pinned to their version does: on the invoice itself before basil, under `parent` and `payments` from it.
 */

const OLD = '2020-08-27';

test.describe('a merchant reads an invoice in its pinned version', () => {
  test('pinned to 2020-08-27 it finds the subscription and the PaymentIntent on the invoice itself; on today’s version under parent and payments', async ({
    provider,
    stripe,
  }) => {
    const { subscription, invoice, intentId } = await paidSubscription(stripe);
    const old = pinnedTo(provider, OLD);
    const oldInvoice = await old.invoices.retrieve(invoice.id);

    expect(subscriptionOfInvoice(oldInvoice, OLD).subscriptionId).toBe(subscription.id);
    // It is the old field that is read: without `parent` the old shape still names it, and today's shape (no
    // `subscription`) read as 2020-08-27 names none.
    expect(subscriptionOfInvoice({ ...oldInvoice, parent: null }, OLD).subscriptionId).toBe(subscription.id);
    expect(subscriptionOfInvoice(invoice, OLD).subscriptionId).toBeNull();
    expect(subscriptionOfInvoice(invoice, Stripe.API_VERSION).subscriptionId).toBe(subscription.id);

    expect(await paymentIntentsOfInvoice(old, invoice.id, OLD)).toEqual([intentId]);
    expect(await paymentIntentsOfInvoice(stripe, invoice.id, Stripe.API_VERSION)).toEqual([intentId]);
  });

  test('an invoice.paid delivered to an endpoint pinned to 2020-08-27 moves the record of its subscription', async ({
    stripe,
    webhookLab,
  }) => {
    const receiver = await webhookLab.listen();
    await webhookLab.endpoint(receiver, {
      api_version: OLD as Stripe.WebhookEndpointCreateParams.ApiVersion,
      enabled_events: ['invoice.paid'],
    });
    const { subscription, invoice } = await paidSubscription(stripe);
    const delivery = await receiver.waitFor(
      'invoice.paid',
      (d) => d.event.type === 'invoice.paid' && d.event.data.object.id === invoice.id,
    );
    expect(delivery.event.api_version).toBe(OLD);
    expect(delivery.event.data.object.subscription, 'a 2020-08-27 invoice names its subscription').toBe(subscription.id);

    // Read as code written in 2020 reads it: not through `parent` (basil's), which the sandbox also shows to older
    // versions as an added field (unsure whether Stripe does), so it is taken away here.
    const event = structuredClone(delivery.event);
    delete event.data.object.parent;
    const book = new SubscriptionBook();
    const asked: string[] = [];
    applySubscriptionEvent(book, event as unknown as Stripe.Event, (subscriptionId, customerId) => {
      asked.push(subscriptionId);
      return book.ensure(subscriptionId, {
        customerId: customerId!,
        signupId: null,
        planName: 'Versioned plan',
        amount: 1200,
        currency: 'usd',
      });
    });
    expect(asked).toEqual([subscription.id]);
    expect(book.get(subscription.id)?.status).toBe('active');
  });
});
