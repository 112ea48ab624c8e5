import {
  expect,
  getPage,
  hiddenField,
  outputText,
  payOnCheckout,
  sessionIdOf,
  submitForm,
  test,
  type LanternUnderTest,
} from './lanternUnderTest';

/** Subscribes from /club (on a fresh test clock) and opens the welcome page; returns its cookie and the ids. */
async function subscribeOnClock(lantern: LanternUnderTest) {
  const clock = await lantern.stripe.testHelpers.testClocks.create({ frozen_time: Math.floor(Date.now() / 1000) });
  const club = await getPage(`${lantern.url}/club?test_clock=${clock.id}`);
  expect(club).toContain('<h1>The Oil Club</h1>');
  expect(club).toContain('$12.00 per month');
  expect(club).toContain('<button type="submit">Subscribe</button>');
  expect(club, 'the shop collects no email').not.toMatch(/type="email"|name="email"/);
  const fields = { signup_token: hiddenField(club, 'signup_token'), test_clock: hiddenField(club, 'test_clock') };
  expect(fields.test_clock).toBe(clock.id);

  const [first, second] = await Promise.all([
    submitForm(`${lantern.url}/club/subscribe`, fields),
    submitForm(`${lantern.url}/club/subscribe`, fields),
  ]);
  const sessionId = sessionIdOf(first);
  expect(sessionIdOf(second), 'a double click goes to the same payment page').toBe(sessionId);
  const welcomeUrl = await payOnCheckout(lantern, sessionId);
  expect(welcomeUrl).toBe(`${lantern.url}/club/welcome?session_id=${sessionId}`);

  const welcome = await fetch(welcomeUrl);
  expect(welcome.status).toBe(200);
  const cookie = (welcome.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { clock, sessionId, welcome: await welcome.text(), setCookie: welcome.headers.get('set-cookie') ?? '', cookie, fields };
}

async function statusOnAccount(lantern: LanternUnderTest, cookie: string, subscriptionId: string): Promise<string | undefined> {
  return outputText(await getPage(`${lantern.url}/account`, 200, { cookie }), `status-${subscriptionId}`);
}

test.describe('Lantern & Co.’s Oil Club', () => {
  test('subscribes a customer on a test clock, with no email, and shows the subscription active on the welcome and account pages', async ({
    lantern,
  }) => {
    const { clock, sessionId, welcome, setCookie, cookie } = await subscribeOnClock(lantern);
    const session = await lantern.stripe.checkout.sessions.retrieve(sessionId);
    expect(session.mode).toBe('subscription');
    expect(session.customer_email).toBeNull();
    const customer = await lantern.stripe.customers.retrieve(session.customer as string);
    expect(customer.deleted).toBeFalsy();
    expect((customer as { test_clock: string | null }).test_clock, 'the customer was created on the test clock').toBe(clock.id);

    expect(welcome).toContain('<h1>Welcome to the Oil Club</h1>');
    const subscriptionId = outputText(welcome, 'subscription-id');
    expect(subscriptionId).toBe(session.subscription);
    expect(outputText(welcome, 'subscription-status')).toBe('active');
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie, 'the cookie does not carry the customer id').not.toContain(session.customer as string);

    const account = await getPage(`${lantern.url}/account`, 200, { cookie });
    expect(account).toContain('<h1>Your account</h1>');
    expect(account).toContain('<h2 id="plan-' + subscriptionId + '">Oil Club</h2>');
    expect(outputText(account, `status-${subscriptionId}`)).toBe('Active');
    expect(account).toContain('<button type="submit">Manage billing</button>');
    expect((await lantern.stripe.checkout.sessions.list({ limit: 100 })).data).toHaveLength(1);
  });

  test('the account page follows cancellation and renewal through the webhooks', async ({ lantern }) => {
    const { clock, sessionId, cookie } = await subscribeOnClock(lantern);
    const subscriptionId = (await lantern.stripe.checkout.sessions.retrieve(sessionId)).subscription as string;
    expect(await statusOnAccount(lantern, cookie, subscriptionId)).toBe('Active');

    const lastPayment = async () => outputText(await getPage(`${lantern.url}/account`, 200, { cookie }), `last-payment-${subscriptionId}`);
    await expect.poll(lastPayment, { message: 'invoice.paid of the first invoice reaches the account page' }).toMatch(/^\$12\.00 on /);
    const firstPayment = await lastPayment();
    const subscription = await lantern.stripe.subscriptions.retrieve(subscriptionId);
    const periodEnd = subscription.items.data[0]!.current_period_end;
    await lantern.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: periodEnd + 3600 });
    await expect
      .poll(
        async () =>
          (await lantern.stripe.invoices.list({ subscription: subscriptionId, status: 'paid', limit: 10 })).data.some(
            (i) => i.billing_reason === 'subscription_cycle',
          ),
        {
          message: 'the clock advance renews the subscription',
        },
      )
      .toBe(true);
    await expect.poll(lastPayment, { message: 'invoice.paid of the renewal reaches the account page' }).not.toBe(firstPayment);
    expect(await lastPayment()).toMatch(/^\$12\.00 on /);

    await lantern.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true });
    await expect
      .poll(() => statusOnAccount(lantern, cookie, subscriptionId), { message: 'customer.subscription.updated reaches the account page' })
      .toMatch(/^Cancels on \d{1,2} \w+ \d{4}$/);
    await lantern.stripe.subscriptions.cancel(subscriptionId);
    await expect
      .poll(() => statusOnAccount(lantern, cookie, subscriptionId), { message: 'customer.subscription.deleted reaches the account page' })
      .toBe('Canceled');
  });

  test('"Manage billing" opens Stripe’s customer portal for the browser’s customer, returning to the account page', async ({ lantern }) => {
    const { cookie } = await subscribeOnClock(lantern);
    const res = await submitForm(`${lantern.url}/account/billing`, {}, { cookie });
    expect(res.status).toBe(303);
    const portalUrl = res.headers.get('location') ?? '';
    expect(portalUrl.startsWith(`${lantern.providerUrl}/`), `${portalUrl} is on the provider`).toBe(true);
    expect(await getPage(portalUrl)).toContain(`href="${lantern.url}/account"`);
  });

  test('the account page of a browser without a subscription says so, and its billing button leads back to it', async ({ lantern }) => {
    const account = await getPage(`${lantern.url}/account`);
    expect(account).toContain('There is no Oil Club subscription in this browser.');
    const forged = await getPage(`${lantern.url}/account`, 200, { cookie: 'lantern_session=cus_guessed' });
    expect(forged).toContain('There is no Oil Club subscription in this browser.');
    const billing = await submitForm(`${lantern.url}/account/billing`, {});
    expect(billing.status).toBe(303);
    expect(billing.headers.get('location')).toBe('/account');
  });

  test('the welcome page refuses a sign-up that was not paid', async ({ lantern }) => {
    const club = await getPage(`${lantern.url}/club`);
    expect(club, 'no test clock field without ?test_clock').not.toContain('name="test_clock"');
    const sessionId = sessionIdOf(await submitForm(`${lantern.url}/club/subscribe`, { signup_token: hiddenField(club, 'signup_token') }));
    const welcome = await fetch(`${lantern.url}/club/welcome?session_id=${sessionId}`);
    expect(welcome.status).toBe(402);
    expect(await welcome.text()).toContain('We could not confirm this subscription');
    expect(welcome.headers.get('set-cookie')).toBeNull();
  });
});
