import type Stripe from 'stripe';
import { periodEnd } from '../billing/subscriptionObject';
import { escapeHtml, longDate, portalPage } from './portalLayout';
import type { PortalView } from './portalView';

// Stripe's cancel page is titled "Cancel subscription" and says "Cancel your subscription"; its confirm button has
// data-testid="confirm". After confirming, a dialog "Subscription has been canceled" asks for a reason
// (data-test="cancel-reason-opt-<reason>", data-testid="cancellation_reason_submit"; "No thanks" is
// data-testid="cancellation_reason_cancel"). The button labels ("Cancel plan", "Submit", "Go back") and the reason
// wordings are the sandbox's guesses at Stripe's.

/** The reasons as the dialog words them (the sandbox's wording), by Stripe's `cancellation_details.feedback` values. */
export const REASON_LABELS: Record<string, string> = {
  too_expensive: "It's too expensive",
  missing_features: 'Some features are missing',
  switched_service: "I'm switching to a different service",
  unused: "I don't use the service enough",
  customer_service: 'Customer service was less than expected',
  too_complex: 'Ease of use was less than expected',
  low_quality: 'Quality was less than expected',
  other: 'Other reason',
};

/** "Cancel your subscription": what cancelling does under the configuration's mode, and the confirm button. */
export function renderCancelPage(view: PortalView, subscription: Stripe.Subscription, planName: string): string {
  const immediately = view.configuration.features.subscription_cancel.mode === 'immediately';
  const effect = immediately
    ? 'Your subscription will be canceled immediately.'
    : `Your subscription will be canceled, but is still available until the end of your billing period on ${escapeHtml(longDate(periodEnd(subscription)))}.`;
  const flowOnly = view.session.flow?.type === 'subscription_cancel';
  const back = flowOnly ? '' : `<a class="button" href="${view.base}">Go back</a>`;
  const main = `<section aria-labelledby="cancel-title"><h2 id="cancel-title">Cancel your subscription</h2>
<p data-testid="plan-name">${escapeHtml(planName)}</p><p data-testid="cancel-effect">${effect}</p>
<form method="post" action="${view.base}/subscriptions/${escapeHtml(subscription.id)}/cancel">
<button type="submit" class="danger" data-testid="confirm">Cancel plan</button>${back}</form></section>`;
  return portalPage({
    title: 'Cancel subscription',
    returnUrl: view.session.return_url,
    livemode: view.session.livemode,
    headline: view.configuration.business_profile.headline,
    main,
  });
}

/** The dialog after a cancellation: why the customer canceled (optional: "No thanks" skips it). */
export function cancellationReasonDialog(view: PortalView, subscription: Stripe.Subscription): string {
  const options = view.configuration.features.subscription_cancel.cancellation_reason.options
    .map(
      (option) =>
        `<label><input type="radio" name="reason" value="${escapeHtml(option)}" data-test="cancel-reason-opt-${escapeHtml(option)}">${escapeHtml(REASON_LABELS[option] ?? option)}</label>`,
    )
    .join('');
  const action = `${view.base}/subscriptions/${escapeHtml(subscription.id)}/cancellation_reason`;
  return `<div class="overlay"><div role="dialog" aria-modal="true" aria-labelledby="reason-title" data-testid="cancellation-reason-dialog">
<h2 id="reason-title">Subscription has been canceled</h2><p>Would you mind telling us why you canceled? It helps us improve.</p>
<form method="post" action="${action}"><fieldset><legend>Cancellation reason</legend>${options}</fieldset>
<button type="submit" class="primary" data-testid="cancellation_reason_submit">Submit</button></form>
<form method="post" action="${action}"><input type="hidden" name="skip" value="true">
<button type="submit" data-testid="cancellation_reason_cancel">No thanks</button></form></div></div>`;
}
