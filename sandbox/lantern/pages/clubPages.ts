import type { CatalogueItem } from '../catalogue';
import { formatDate, formatInterval, formatMoney } from '../format';
import { html, page } from '../html';
import type { SubscriptionRecord } from '../memberships';

/** `/club`: the plan and its "Subscribe" form (with the test clock to put the customer on, in test mode). */
export function clubPage(
  plan: CatalogueItem | undefined,
  form: { token: string; testClock: string | null } | undefined,
  options: { canceled: boolean; missing?: string },
): string {
  const offer =
    plan && form
      ? html`<section aria-labelledby="plan-name">
<h2 id="plan-name">${plan.name}</h2>
${plan.description ? html`<p>${plan.description}</p>` : ''}
<p class="price"><label for="plan-price">Price:</label> <output id="plan-price">${priceOf(plan)}</output></p>
<form method="post" action="/club/subscribe">
<input type="hidden" name="signup_token" value="${form.token}">
${form.testClock ? html`<input type="hidden" name="test_clock" value="${form.testClock}">` : ''}
<button type="submit">Subscribe</button>
</form>
<p>Cancel any time from your account.</p>
</section>`
      : html`<p class="problem" role="alert">${options.missing ?? 'The Oil Club is not open right now.'}</p>`;
  return page(
    'The Oil Club',
    html`<h1>The Oil Club</h1>
${options.canceled ? html`<p class="notice" role="status">Your subscription was not started. No charge was made.</p>` : ''}
<p>Lamp oil and a fresh wick at your door every month, for every Lantern &amp; Co. lamp.</p>
${offer}`,
  );
}

function priceOf(plan: CatalogueItem): string {
  const every = plan.recurring ? formatInterval(plan.recurring.interval, plan.recurring.intervalCount) : 'month';
  return `${formatMoney(plan.unitAmount, plan.currency)} per ${every}`;
}

/** `/club/welcome`: the subscription Stripe created, with its status as Stripe gives it. */
export function welcomePage(subscriptionId: string, status: string): string {
  return page(
    'Welcome to the Oil Club',
    html`<h1>Welcome to the Oil Club</h1>
<p>Your first delivery leaves the workshop this week.</p>
<p><label for="subscription-id">Subscription:</label> <output id="subscription-id">${subscriptionId}</output></p>
<p><label for="subscription-status">Status:</label> <output id="subscription-status">${status}</output></p>
<p><a href="/account">Go to your account</a></p>`,
  );
}

export function subscriptionNotConfirmedPage(reason: string): string {
  return page(
    'Subscription not confirmed',
    html`<h1>We could not confirm this subscription</h1>
<p class="problem" role="alert">${reason}</p>
<p><a href="/club">Back to the Oil Club</a></p>`,
  );
}

/** `/account`: the browser's subscriptions and the way to Stripe's customer portal. */
export function accountPage(subscriptions: SubscriptionRecord[], planName: (priceId: string | null) => string): string {
  const list =
    subscriptions.length === 0
      ? html`<p>You have no Oil Club subscription.</p>`
      : subscriptions.map(
          (s) => html`<section aria-labelledby="plan-${s.id}">
<h2 id="plan-${s.id}">${planName(s.priceId)}</h2>
<p><label for="subscription-${s.id}">Subscription:</label> <output id="subscription-${s.id}">${s.id}</output></p>
<p><label for="status-${s.id}">Status:</label> <output id="status-${s.id}">${statusInWords(s)}</output></p>
${s.lastPayment ? html`<p><label for="last-payment-${s.id}">Last payment:</label> <output id="last-payment-${s.id}">${formatMoney(s.lastPayment.amount, s.lastPayment.currency)} on ${formatDate(s.lastPayment.at)}</output></p>` : ''}
</section>`,
        );
  return page(
    'Your account',
    html`<h1>Your account</h1>
${list}
<form method="post" action="/account/billing">
<button type="submit">Manage billing</button>
</form>
<p>Cancel your subscription, update your card or see your invoices on our payment provider's secure billing page.</p>`,
  );
}

export function noAccountPage(): string {
  return page(
    'Your account',
    html`<h1>Your account</h1>
<p>There is no Oil Club subscription in this browser.</p>
<p><a href="/club">Join the Oil Club</a></p>`,
  );
}

/** "Active", "Cancels on 12 March 2027", "Canceled", …: the status as a customer reads it. */
export function statusInWords(record: SubscriptionRecord): string {
  if (record.status === 'canceled') return 'Canceled';
  if (record.cancelAt !== null && (record.status === 'active' || record.status === 'trialing' || record.status === 'past_due')) {
    return `Cancels on ${formatDate(record.cancelAt)}`;
  }
  switch (record.status) {
    case 'active':
      return 'Active';
    case 'trialing':
      return 'Trial';
    case 'past_due':
      return 'Past due';
    case 'unpaid':
      return 'Unpaid';
    case 'incomplete':
      return 'Awaiting payment';
    case 'incomplete_expired':
      return 'Expired';
    case 'paused':
      return 'Paused';
    default:
      return 'Unknown';
  }
}
