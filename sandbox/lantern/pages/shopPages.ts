import type { CatalogueItem } from '../catalogue';
import { formatMoney } from '../format';
import { html, page, type Html } from '../html';
import { orderStatusInWords, type Order } from '../orders';

/** `/`: the lantern with its "Buy now" form, and the way to the Oil Club. */
export function homePage(lantern: CatalogueItem | undefined, orderToken: string | undefined, missing: string | undefined): string {
  const product =
    lantern && orderToken
      ? html`<section aria-labelledby="product-name">
<h2 id="product-name">${lantern.name}</h2>
${lantern.description ? html`<p>${lantern.description}</p>` : ''}
<p class="price"><label for="product-price">Price:</label> <output id="product-price">${formatMoney(lantern.unitAmount, lantern.currency)}</output></p>
<form method="post" action="/buy">
<input type="hidden" name="order_token" value="${orderToken}">
<button type="submit">Buy now</button>
</form>
</section>`
      : html`<p class="problem" role="alert">${missing ?? 'The lantern is not available right now.'}</p>`;
  return page(
    'Home',
    html`<h1>Lantern &amp; Co.</h1>
<p>One brass desk lantern, turned and polished by hand in our workshop.</p>
${product}
<section aria-labelledby="club-heading">
<h2 id="club-heading">The Oil Club</h2>
<p>Lamp oil and a fresh wick at your door every month.</p>
<p><a href="/club">Join the Oil Club</a></p>
</section>`,
  );
}

/** `/thanks`: the paid order, read from Stripe, never from the URL alone. */
export function thanksPage(order: Order): string {
  const amount = order.amount !== null && order.currency ? formatMoney(order.amount, order.currency) : '';
  return page(
    `Order ${order.id}`,
    html`<h1>Thank you for your order</h1>
<p>Your lantern will be on its way within two working days.</p>
<p><label for="order-id">Order</label> <output id="order-id">${order.id}</output></p>
<p><label for="order-amount">Amount:</label> <output id="order-amount">${amount}</output></p>
<p><label for="order-status">Status:</label> <output id="order-status">${orderStatusInWords(order.status)}</output></p>
<p><label for="payment-reference">Payment:</label> <output id="payment-reference">${order.sessionId ?? ''}</output></p>
<p><a href="/">Back to the shop</a></p>`,
  );
}

/** What `/thanks` shows for a session that is not paid, not the shop's, or unknown. */
export function paymentNotConfirmedPage(reason: string): string {
  return page(
    'Payment not confirmed',
    html`<h1>We could not confirm this payment</h1>
<p class="problem" role="alert">${reason}</p>
<p>If you paid, please contact us with the order number from your receipt.</p>
<p><a href="/">Back to the shop</a></p>`,
  );
}

/** `/cart`: where Checkout's back link leads. */
export function cartPage(canceled: boolean): string {
  const body: Html = canceled
    ? html`<h1>Payment not completed</h1>
<p class="notice" role="status">Your payment was not completed. No charge was made.</p>`
    : html`<h1>Your cart</h1>
<p>Your cart is empty.</p>`;
  return page(
    canceled ? 'Payment not completed' : 'Your cart',
    html`${body}
<p><a href="/">Back to the shop</a></p>`,
  );
}
