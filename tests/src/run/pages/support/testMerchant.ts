import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny merchant site for the Stripe page tests, on 127.0.0.1 (another origin than the provider):
 * `GET /checkout?client_secret=…[&redirect=if_required]` mounts the provider's Stripe.js Payment Element with the
 * merchant's own Pay button (`data-testid=pay-button`) and message area (`data-testid=merchant-message`);
 * `GET /complete` is the return URL, showing what Stripe.js put in it and the intent's status read back with
 * `stripe.retrievePaymentIntent`. The page keeps `window.confirmResult` (what `confirmPayment` resolved with).
 * `GET /success` and `GET /cancel` are a Checkout Session's success and cancel pages.
 */
export interface TestMerchant {
  url: string;
  checkoutUrl(clientSecret: string, options?: { redirect?: 'always' | 'if_required' }): string;
  /** `success_url` for a Checkout Session (`…/success?session_id={CHECKOUT_SESSION_ID}`). */
  successUrl: string;
  cancelUrl: string;
  close(): Promise<void>;
}

function checkoutPage(providerUrl: string, publishableKey: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kissa test checkout</title>
<script src="${providerUrl}/v3/"></script></head><body>
<h1>Pay for your tea</h1>
<form id="payment-form"><div id="payment-element"></div>
<button id="submit" type="submit" data-testid="pay-button">Pay now</button>
<div id="message" data-testid="merchant-message" role="status"></div></form>
<script>
  const query = new URLSearchParams(location.search);
  const clientSecret = query.get('client_secret');
  const redirect = query.get('redirect') || 'always';
  const stripe = Stripe(${JSON.stringify(publishableKey)});
  const elements = stripe.elements({ clientSecret });
  const paymentElement = elements.create('payment');
  paymentElement.on('ready', () => { document.body.dataset.elementReady = 'true'; });
  paymentElement.mount('#payment-element');
  const form = document.getElementById('payment-form');
  const button = document.getElementById('submit');
  const message = document.getElementById('message');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    message.textContent = '';
    const result = await stripe.confirmPayment({
      elements,
      confirmParams: { return_url: location.origin + '/complete', receipt_email: 'buyer@example.test' },
      redirect,
    });
    window.confirmResult = result;
    if (result.error) message.textContent = result.error.message;
    else message.textContent = 'Payment ' + result.paymentIntent.status;
    button.disabled = false;
  });
</script></body></html>`;
}

function completePage(providerUrl: string, publishableKey: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Order complete</title>
<script src="${providerUrl}/v3/"></script></head><body>
<h1>Thank you</h1>
<p>Redirect status: <span data-testid="redirect-status"></span></p>
<p>Payment: <span data-testid="payment-intent"></span> <span data-testid="payment-status"></span></p>
<script>
  const query = new URLSearchParams(location.search);
  document.querySelector('[data-testid=redirect-status]').textContent = query.get('redirect_status');
  document.querySelector('[data-testid=payment-intent]').textContent = query.get('payment_intent');
  Stripe(${JSON.stringify(publishableKey)}).retrievePaymentIntent(query.get('payment_intent_client_secret')).then((result) => {
    document.querySelector('[data-testid=payment-status]').textContent = result.error ? 'error: ' + result.error.message : result.paymentIntent.status;
  });
</script></body></html>`;
}

function plainPage(title: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1 data-testid="merchant-page">${title}</h1></body></html>`;
}

/** Starts the merchant site for a provider (its URL and publishable key); close it after the test. */
export async function startTestMerchant(provider: { url: string; publishableKey: string }): Promise<TestMerchant> {
  const pages: Record<string, () => string> = {
    '/checkout': () => checkoutPage(provider.url, provider.publishableKey),
    '/complete': () => completePage(provider.url, provider.publishableKey),
    '/success': () => plainPage('Order confirmed'),
    '/cancel': () => plainPage('Checkout canceled'),
  };
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const page = pages[path]?.();
    response.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page ?? 'Not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    successUrl: `${url}/success?session_id={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${url}/cancel`,
    checkoutUrl(clientSecret, options = {}) {
      const query = new URLSearchParams({ client_secret: clientSecret, ...(options.redirect ? { redirect: options.redirect } : {}) });
      return `${url}/checkout?${query.toString()}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
