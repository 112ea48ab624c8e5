import { html } from '../../merchant/html';
import { formatMoney } from '../../currencies';
import type { PlanItem } from '../plan';

export interface PricingPageState {
  orderToken: string;
  email?: string;
  error?: string;
  /** Test mode only: the provider test clock the new customer is created on. */
  testClockId?: string;
}

export function pricingBody(plan: PlanItem, state: PricingPageState) {
  return html`
<section class="card" data-testid="plan-card-${plan.slug}">
  <h1 data-testid="plan-name">${plan.name}</h1>
  <p>${plan.description}</p>
  <p class="price" data-testid="plan-price">${formatMoney(plan.unitAmount, plan.currency)} / ${plan.interval}</p>
  ${state.error ? html`<p class="error" role="alert" data-testid="subscribe-error">${state.error}</p>` : ''}
  <form method="post" action="/subscribe">
    <input type="hidden" name="plan" value="${plan.slug}">
    <input type="hidden" name="order_token" value="${state.orderToken}">
    ${state.testClockId ? html`<input type="hidden" name="test_clock" value="${state.testClockId}" data-testid="test-clock">` : ''}
    <label for="email">Email for your receipts</label>
    <input type="email" id="email" name="email" required autocomplete="email" value="${state.email ?? ''}" data-testid="email">
    <div><button type="submit" data-testid="subscribe-button">Subscribe</button></div>
  </form>
</section>`;
}
