import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Stripe from 'stripe';
import { cleanUpRun } from '../../../../src/run/cleanup/cleanUpRun';
import { checkoutKey, CleanupJournal, journalPath, unfinishedIds } from '../../../../src/run/cleanup/cleanupJournal';
import {
  CARDS,
  createPaymentSession,
  createSubscriptionSession,
  expect,
  idOf,
  payOnHostedPage,
  test,
  uniqueEmail,
} from '../../../sandbox/provider/support/fixtures';

const BASE = { mode: 'test' as const, apiBase: 'http://127.0.0.1:1' };

let dir: string;
test.beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rehearsal-journal-'));
});
test.afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test.describe('the cleanup journal', () => {
  test('each append is on disk when it resolves; concurrent appends never interleave', async () => {
    const journal = new CleanupJournal(path.join(dir, 'state', 'cleanup-journal.jsonl'));
    await journal.append({ ...BASE, runId: 'rh-a', kind: 'checkout-started', email: 'rehearsal+rh-a@example.com', since: 100 });
    // Read by another reader, not through the journal: the line is in the file.
    expect((await readFile(journal.file, 'utf8')).split('\n')).toHaveLength(2);

    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        journal.append({ ...BASE, runId: `rh-${i % 3}`, kind: 'charge', id: `ch_${i}_${'x'.repeat(200)}` }),
      ),
    );
    const lines = (await readFile(journal.file, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(61);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const entries = await journal.entries();
    expect(entries[0]).toMatchObject({ runId: 'rh-a', kind: 'checkout-started', mode: 'test', apiBase: BASE.apiBase });
    expect(Date.parse(entries[0]!.at)).toBeGreaterThan(0);
    expect((await journal.runs()).map((r) => r.runId).sort()).toEqual(['rh-0', 'rh-1', 'rh-2', 'rh-a']);
  });

  test('folds into per-run state: what exists, what is cleaned; a torn last line is skipped', async () => {
    const journal = new CleanupJournal(path.join(dir, 'cleanup-journal.jsonl'));
    const checkout = { email: 'rehearsal+rh-1@example.com', since: 1_700_000_000 };
    await journal.append({ ...BASE, runId: 'rh-1', kind: 'checkout-started', ...checkout });
    await journal.append({ ...BASE, runId: 'rh-1', kind: 'payment_intent', id: 'pi_1' });
    await journal.append({ ...BASE, runId: 'rh-1', kind: 'charge', id: 'ch_1' });
    await journal.append({ ...BASE, runId: 'rh-1', kind: 'charge', id: 'ch_1' }); // learned twice: one object
    await journal.append({ ...BASE, runId: 'rh-1', kind: 'cleaned', id: 'ch_1', action: 'refunded', refundId: 're_1' });
    await journal.append({ ...BASE, runId: 'rh-2', mode: 'live', kind: 'subscription', id: 'sub_2' });
    await appendFile(journal.file, '{"at":"2026-01-01T00:00:00.000Z","runId":"rh-3","mode":"test","apiBa');

    const runs = await journal.runs();
    expect(runs.map((r) => r.runId)).toEqual(['rh-1', 'rh-2']);
    const [one, two] = runs;
    expect([...one!.objects]).toEqual([
      ['pi_1', 'payment_intent'],
      ['ch_1', 'charge'],
    ]);
    expect(one!.cleaned.get('ch_1')).toMatchObject({ action: 'refunded', refundId: 're_1' });
    expect(unfinishedIds(one!)).toEqual([checkoutKey(checkout), 'pi_1']);
    expect(two).toMatchObject({ mode: 'live' });
    expect(unfinishedIds(two!)).toEqual(['sub_2']);

    const offset = await journal.size();
    await appendFile(journal.file, '\n');
    await journal.append({ ...BASE, runId: 'rh-4', kind: 'customer', id: 'cus_4' });
    expect(await journal.runIdsSince(offset)).toEqual(['rh-4']);
  });

  test('a checkout or a submitted payment journaled with its reference folds into the run as an object to clean up', async () => {
    const journal = new CleanupJournal(path.join(dir, 'cleanup-journal.jsonl'));
    await journal.append({
      ...BASE,
      runId: 'rh-5',
      kind: 'checkout-started',
      since: 1_700_000_000,
      payment: { kind: 'payment_intent', id: 'pi_5' },
    });
    await journal.append({ ...BASE, runId: 'rh-5', kind: 'payment-submitted', payment: { kind: 'checkout_session', id: 'cs_5' } });
    await journal.append({ ...BASE, runId: 'rh-5', kind: 'payment-submitted' });
    const [run] = await journal.runs();
    expect(run!.checkouts, 'no email: nothing to look up by email').toEqual([]);
    expect(unfinishedIds(run!)).toEqual(['pi_5', 'cs_5']);
  });

  test('lives in REHEARSAL_STATE_DIR (default .rehearsal/ in the project)', () => {
    expect(journalPath({ REHEARSAL_STATE_DIR: dir })).toBe(path.join(dir, 'cleanup-journal.jsonl'));
    expect(journalPath({})).toBe(path.resolve('.rehearsal', 'cleanup-journal.jsonl'));
  });
});

test.describe('cleanUpRun against the sandbox provider', () => {
  async function journalFor(provider: { url: string }, runId: string) {
    const journal = new CleanupJournal(path.join(dir, 'cleanup-journal.jsonl'));
    const base = { runId, mode: 'test' as const, apiBase: provider.url };
    return { journal, base };
  }

  test('resolves checkout-started by email, refunds, cancels, expires what is still open; a second run has nothing to do', async ({
    stripe,
    provider,
  }) => {
    const runId = `rh-unit-${Date.now()}`;
    const email = uniqueEmail('cleanup');
    const { journal, base } = await journalFor(provider, runId);
    const since = Math.floor(Date.now() / 1000) - 60;
    await journal.append({ ...base, kind: 'checkout-started', email, since });

    // A paid one-off order, a paid subscription (the shop's way: a customer with the email), an abandoned payment page.
    const { session: paymentSession } = await createPaymentSession(stripe, { customer_email: email });
    expect((await payOnHostedPage(paymentSession, CARDS.visa, { email })).status).toBe(303);
    const customer = await stripe.customers.create({ email });
    const { session: subscriptionSession } = await createSubscriptionSession(stripe, { customer: customer.id });
    expect((await payOnHostedPage(subscriptionSession, CARDS.visa, { email })).status).toBe(303);
    const { session: abandoned } = await createPaymentSession(stripe, { customer_email: email });
    // Someone else's order at the same time is left alone.
    const { session: other } = await createPaymentSession(stripe, { customer_email: uniqueEmail('other') });
    await payOnHostedPage(other, CARDS.visa, { email: other.customer_email! });

    const first = await cleanUpRun(journal, runId, stripe);
    expect(first.failed, JSON.stringify(first.actions)).toBe(0);
    expect(first.refunded).toBe(2);
    expect(first.actions.filter((a) => a.action === 'canceled').map((a) => a.kind)).toEqual(['subscription']);
    expect(first.actions.filter((a) => a.action === 'expired').map((a) => a.id)).toEqual([abandoned.id]);

    const paid = await stripe.checkout.sessions.retrieve(paymentSession.id, { expand: ['payment_intent.latest_charge'] });
    const charge = (paid.payment_intent as Stripe.PaymentIntent).latest_charge as Stripe.Charge;
    expect(charge.refunded).toBe(true);
    const subscription = await stripe.subscriptions.retrieve(
      idOf((await stripe.checkout.sessions.retrieve(subscriptionSession.id)).subscription)!,
    );
    expect(subscription.status).toBe('canceled');
    for (const c of (await stripe.charges.list({ customer: customer.id })).data) expect(c.refunded).toBe(true);
    expect((await stripe.checkout.sessions.retrieve(abandoned.id)).status).toBe('expired');
    const otherCharge = (
      await stripe.charges.list({ payment_intent: idOf((await stripe.checkout.sessions.retrieve(other.id)).payment_intent)! })
    ).data[0]!;
    expect(otherCharge.refunded).toBe(false);

    const run = await journal.run(runId);
    expect(unfinishedIds(run!)).toEqual([]);
    expect([...run!.cleaned.values()].filter((e) => e.action === 'refunded').every((e) => e.refundId?.startsWith('re_'))).toBe(true);

    const second = await cleanUpRun(journal, runId, stripe);
    expect(second).toMatchObject({ nothingToDo: true, refunded: 0, canceled: 0, failed: 0, actions: [] });
  });

  test('an object already refunded or canceled is reported as such, never refunded twice', async ({ stripe, provider }) => {
    const runId = `rh-unit-${Date.now()}-b`;
    const email = uniqueEmail('cleanup');
    const { journal, base } = await journalFor(provider, runId);
    const { session } = await createPaymentSession(stripe, { customer_email: email });
    await payOnHostedPage(session, CARDS.visa, { email });
    const intent = idOf((await stripe.checkout.sessions.retrieve(session.id)).payment_intent)!;
    const charge = (await stripe.charges.list({ payment_intent: intent })).data[0]!;
    await journal.append({ ...base, kind: 'payment_intent', id: intent });
    await journal.append({ ...base, kind: 'charge', id: charge.id });
    // The scenario refunded it itself (or an earlier cleanup did, then crashed before journaling it).
    await stripe.refunds.create({ charge: charge.id }, { idempotencyKey: `cleanup-refund-${charge.id}` });

    const customer = await stripe.customers.create({ email });
    const { session: subscriptionSession } = await createSubscriptionSession(stripe, { customer: customer.id });
    await payOnHostedPage(subscriptionSession, CARDS.visa, { email });
    const subscriptionId = idOf((await stripe.checkout.sessions.retrieve(subscriptionSession.id)).subscription)!;
    await stripe.subscriptions.cancel(subscriptionId);
    await journal.append({ ...base, kind: 'subscription', id: subscriptionId });

    // Two cleanups at once (the fixture and `rehearse cleanup`): the idempotency key keeps it to one refund.
    const [a, b] = await Promise.all([cleanUpRun(journal, runId, stripe), cleanUpRun(journal, runId, stripe)]);
    for (const summary of [a, b]) {
      expect(summary.failed, JSON.stringify(summary.actions)).toBe(0);
      expect(summary.actions).toContainEqual(expect.objectContaining({ id: charge.id, action: 'already-refunded' }));
      expect(summary.actions).toContainEqual(expect.objectContaining({ id: subscriptionId, action: 'already-canceled' }));
    }
    expect((await stripe.refunds.list({ charge: charge.id })).data).toHaveLength(1);
    // The subscription's first invoice charge was found through its customer and refunded once.
    const invoiceCharges = (await stripe.charges.list({ customer: customer.id })).data;
    expect(invoiceCharges).toHaveLength(1);
    expect(invoiceCharges[0]!.refunded).toBe(true);
    expect((await stripe.refunds.list({ charge: invoiceCharges[0]!.id })).data).toHaveLength(1);
    expect(unfinishedIds((await journal.run(runId))!)).toEqual([]);
  });

  test('a payment journaled by its reference alone (no email, no customer) is found and refunded', async ({ stripe, provider }) => {
    // A Payment Element shop that collects no email makes a bare payment intent; a hosted shop a session without one.
    const runId = `rh-unit-${Date.now()}-ref`;
    const { journal, base } = await journalFor(provider, runId);
    // Confirmed server-side with no redirect to come back from: since 2023-08-16 Stripe wants a `return_url` unless
    // redirect-based methods are turned off (docs.stripe.com/changelog/2023-08-16/automatic-payment-methods).
    const intent = await stripe.paymentIntents.create({
      amount: 1500,
      currency: 'jpy',
      payment_method: 'pm_card_visa',
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    expect(intent.status).toBe('succeeded');
    const { session } = await createPaymentSession(stripe, {});
    expect((await payOnHostedPage(session, CARDS.visa, { email: uniqueEmail('no-email') })).status).toBe(303);
    const { session: open } = await createPaymentSession(stripe, {});
    const since = Math.floor(Date.now() / 1000) - 60;
    await journal.append({ ...base, kind: 'checkout-started', since, payment: { kind: 'payment_intent', id: intent.id } });
    await journal.append({ ...base, kind: 'checkout-started', since, payment: { kind: 'checkout_session', id: session.id } });
    await journal.append({ ...base, kind: 'payment-submitted', payment: { kind: 'checkout_session', id: open.id } });

    const first = await cleanUpRun(journal, runId, stripe);
    expect(first.failed, JSON.stringify(first.actions)).toBe(0);
    expect(first.refunded).toBe(2);
    expect(first.actions.filter((a) => a.action === 'expired').map((a) => a.id)).toEqual([open.id]);
    expect((await stripe.charges.list({ payment_intent: intent.id })).data.every((c) => c.refunded)).toBe(true);
    const sessionIntent = idOf((await stripe.checkout.sessions.retrieve(session.id)).payment_intent)!;
    expect((await stripe.charges.list({ payment_intent: sessionIntent })).data.every((c) => c.refunded)).toBe(true);
    expect(unfinishedIds((await journal.run(runId))!)).toEqual([]);
    expect(await cleanUpRun(journal, runId, stripe)).toMatchObject({ nothingToDo: true });
  });

  test('a run the journal does not know is nothing to do', async ({ stripe }) => {
    const journal = new CleanupJournal(path.join(dir, 'cleanup-journal.jsonl'));
    expect(await cleanUpRun(journal, 'rh-nobody', stripe)).toMatchObject({ nothingToDo: true, actions: [] });
  });
});
