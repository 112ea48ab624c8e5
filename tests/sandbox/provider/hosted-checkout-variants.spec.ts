import { startProvider } from '../../../sandbox/provider/index';
import { HostedCheckoutLayoutError, hostedCheckoutLayoutFromEnv } from '../../../sandbox/provider/index';
import { test, expect } from './support/providerLab';
import { answerChallenge, CARDS, createPaymentSession, payOnHostedPage, uniqueEmail, type RunningTestProvider } from './support/fixtures';

// The hosted Checkout page's layout variants (PUT /_sandbox/hosted_checkout, SANDBOX_HOSTED_CHECKOUT): the same
// form and field names in every layout, so a form post pays whatever the page looks like.

async function layoutRoute(
  provider: RunningTestProvider,
  method: 'GET' | 'PUT' | 'DELETE',
  body?: unknown,
  key = provider.secretKey,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${provider.url}/_sandbox/hosted_checkout`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

test.describe('PUT|GET|DELETE /_sandbox/hosted_checkout', () => {
  test('reads, replaces and resets the layout (a missing member takes its default)', async ({ lab }) => {
    expect(await layoutRoute(lab.provider, 'GET')).toEqual({ status: 200, body: { layout: 'card', threeDSecure: 'page' } });
    expect(await layoutRoute(lab.provider, 'PUT', { layout: 'accordion', threeDSecure: 'frame' })).toEqual({
      status: 200,
      body: { layout: 'accordion', threeDSecure: 'frame' },
    });
    expect((await layoutRoute(lab.provider, 'GET')).body).toEqual({ layout: 'accordion', threeDSecure: 'frame' });
    expect((await layoutRoute(lab.provider, 'PUT', { layout: 'link' })).body).toEqual({ layout: 'link', threeDSecure: 'page' });
    expect(await layoutRoute(lab.provider, 'DELETE')).toEqual({ status: 200, body: { layout: 'card', threeDSecure: 'page' } });
  });

  test('refuses an unknown layout or setting, and the publishable key', async ({ lab }) => {
    const bad = await layoutRoute(lab.provider, 'PUT', { layout: 'wallet' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      type: 'invalid_request_error',
      param: 'layout',
      message: 'Invalid layout: must be one of card, accordion, link.',
    });
    expect((await layoutRoute(lab.provider, 'PUT', { layout: 'card', theme: 'dark' })).body.error).toMatchObject({ param: 'theme' });
    expect((await layoutRoute(lab.provider, 'PUT', { threeDSecure: 'popup' })).body.error).toMatchObject({ param: 'threeDSecure' });
    expect((await layoutRoute(lab.provider, 'PUT', { layout: 'link' }, lab.provider.publishableKey)).status).toBe(401);
    expect((await layoutRoute(lab.provider, 'GET')).body, 'nothing changed').toEqual({ layout: 'card', threeDSecure: 'page' });
  });
});

test.describe('SANDBOX_HOSTED_CHECKOUT', () => {
  test('unset or blank is no layout; JSON is checked like the route checks it, naming the variable', () => {
    expect(hostedCheckoutLayoutFromEnv({})).toBeNull();
    expect(hostedCheckoutLayoutFromEnv({ SANDBOX_HOSTED_CHECKOUT: ' ' })).toBeNull();
    expect(hostedCheckoutLayoutFromEnv({ SANDBOX_HOSTED_CHECKOUT: '{"layout":"link","threeDSecure":"frame"}' })).toEqual({
      layout: 'link',
      threeDSecure: 'frame',
    });
    expect(() => hostedCheckoutLayoutFromEnv({ SANDBOX_HOSTED_CHECKOUT: '{layout' })).toThrow(HostedCheckoutLayoutError);
    expect(() => hostedCheckoutLayoutFromEnv({ SANDBOX_HOSTED_CHECKOUT: '{layout' })).toThrow(/^SANDBOX_HOSTED_CHECKOUT is not valid JSON/);
    expect(() => hostedCheckoutLayoutFromEnv({ SANDBOX_HOSTED_CHECKOUT: '{"threeDSecure":"popup"}' })).toThrow(
      'SANDBOX_HOSTED_CHECKOUT is not a valid hosted checkout layout: Invalid threeDSecure: must be one of page, frame.',
    );
  });

  test('the provider takes its layout from the variable at start, and refuses to start on a bad one', async () => {
    const before = process.env.SANDBOX_HOSTED_CHECKOUT;
    try {
      process.env.SANDBOX_HOSTED_CHECKOUT = '{"layout":"accordion"}';
      const provider = await startProvider({ port: 0 });
      try {
        const res = await fetch(`${provider.url}/_sandbox/hosted_checkout`, { headers: { authorization: `Bearer ${provider.secretKey}` } });
        expect(await res.json()).toEqual({ layout: 'accordion', threeDSecure: 'page' });
      } finally {
        await provider.close();
      }
      process.env.SANDBOX_HOSTED_CHECKOUT = '["card"]';
      await expect(startProvider({ port: 0 })).rejects.toThrow(/^SANDBOX_HOSTED_CHECKOUT is not a valid hosted checkout layout/);
    } finally {
      if (before === undefined) delete process.env.SANDBOX_HOSTED_CHECKOUT;
      else process.env.SANDBOX_HOSTED_CHECKOUT = before;
    }
  });
});

test.describe('the hosted page in each layout', () => {
  for (const layout of ['card', 'accordion', 'link'] as const) {
    test(`${layout}: same field names, and a form post pays`, async ({ lab }) => {
      await layoutRoute(lab.provider, 'PUT', { layout });
      const { session } = await createPaymentSession(lab.stripe, { customer_email: uniqueEmail(layout) });
      const html = await (await fetch(session.url as string)).text();
      for (const name of ['email', 'cardNumber', 'cardExpiry', 'cardCvc', 'billingName', 'billingCountry', 'billingPostalCode'])
        expect(html).toContain(`name="${name}"`);
      expect(html.includes('data-testid="card-accordion-item-button"'), 'the accordion button').toBe(layout === 'accordion');
      expect(html.includes('data-testid="wallet-button"'), 'a wallet button above the accordion').toBe(layout === 'accordion');
      expect(html.includes('data-testid="link-prompt"'), 'the Link prompt').toBe(layout === 'link');
      expect((await payOnHostedPage(session, CARDS.visa)).status).toBe(303);
    });
  }

  test('link: the prompt comes back dismissed after a declined attempt', async ({ lab }) => {
    await layoutRoute(lab.provider, 'PUT', { layout: 'link' });
    const { session } = await createPaymentSession(lab.stripe, { customer_email: uniqueEmail('link') });
    expect(await (await fetch(session.url as string)).text()).toMatch(/id="link-dismissed">/);
    const declined = await payOnHostedPage(session, CARDS.genericDecline);
    expect(declined.status).toBe(402);
    expect(declined.body).toMatch(/id="link-dismissed" checked>/);
  });

  test('3-D Secure in a frame: the page gets the modal stripe-challenge-frame; its forms answer in the top window', async ({ lab }) => {
    await layoutRoute(lab.provider, 'PUT', { threeDSecure: 'frame' });
    const { session } = await createPaymentSession(lab.stripe, { customer_email: uniqueEmail('3ds-frame') });
    const page = await payOnHostedPage(session, CARDS.threeDSecure);
    expect(page.status).toBe(200);
    expect(page.body).toContain('name="cardNumber"');
    const src = /<iframe name="stripe-challenge-frame"[^>]*src="([^"]+)"/.exec(page.body)?.[1];
    expect(src).toBe(`/c/pay/${session.id}/3ds/challenge`);

    const frame = await fetch(new URL(src as string, lab.provider.url));
    expect(frame.status).toBe(200);
    expect(frame.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    const challenge = await frame.text();
    expect(challenge).toContain('id="test-source-authorize-3ds"');
    expect(challenge).toContain('id="test-source-fail-3ds"');
    expect(challenge.match(/target="_top"/g)).toHaveLength(2);
    const done = await answerChallenge(session, challenge, 'complete');
    expect(done.status).toBe(303);
    expect((await lab.stripe.checkout.sessions.retrieve(session.id)).status).toBe('complete');
  });

  test('the page itself cannot be framed by another site; it may frame only the provider', async ({ lab }) => {
    const { session } = await createPaymentSession(lab.stripe);
    const res = await fetch(session.url as string);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('content-security-policy')).toContain("frame-src 'self'");
  });
});
