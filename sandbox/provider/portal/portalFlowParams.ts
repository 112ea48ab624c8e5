import type Stripe from 'stripe';
import { invalidRequest, missingParam, resourceMissing, unknownParam } from '../core/errors';
import { optionalObject, optionalString, type Params } from '../core/params';
import type { ProviderServices } from '../core/services';
import { customerIdOf } from '../billing/periods';

type Flow = Stripe.BillingPortal.Session.Flow;

const FLOW_TYPES = [
  'customer_update',
  'payment_method_update',
  'subscription_cancel',
  'subscription_pause',
  'subscription_update',
  'subscription_update_confirm',
];
const EMULATED_FLOWS = ['payment_method_update', 'subscription_cancel'];
const AFTER_COMPLETION_TYPES = ['hosted_confirmation', 'portal_homepage', 'redirect'] as const;

/** Subscription statuses the portal lets a customer cancel (the ones it lists). */
export const CANCELLABLE_STATUSES: readonly Stripe.Subscription.Status[] = ['active', 'trialing', 'past_due', 'unpaid'];

/**
 * `flow_data` of `billingPortal.sessions.create` → the session's `flow` (a deep link). The sandbox emulates the
 * `subscription_cancel` and `payment_method_update` flows; the others answer a 400 saying so. The error wordings for
 * a subscription that cannot be canceled, or a flow its configuration does not enable, are the sandbox's (unverified).
 */
export function flowParam(
  services: ProviderServices,
  params: Params,
  customer: string,
  configuration: Stripe.BillingPortal.Configuration,
): Flow | null {
  const raw = optionalObject(params, 'flow_data');
  if (!raw) return null;
  for (const key of Object.keys(raw))
    if (![...FLOW_TYPES, 'type', 'after_completion'].includes(key)) throw unknownParam(`flow_data[${key}]`);
  const type = optionalString(raw, 'type');
  if (!type) throw missingParam('flow_data[type]');
  if (!FLOW_TYPES.includes(type))
    throw invalidRequest(`Invalid flow_data[type]: must be one of ${FLOW_TYPES.join(', ')}`, { param: 'flow_data[type]' });
  if (!EMULATED_FLOWS.includes(type)) {
    throw invalidRequest(
      `The sandbox provider emulates only the payment_method_update and subscription_cancel portal flows, not ${type}.`,
      { param: 'flow_data[type]' },
    );
  }
  const flow: Flow = {
    after_completion: afterCompletionParam(raw),
    customer_update: null,
    subscription_cancel: null,
    subscription_pause: null,
    subscription_update: null,
    subscription_update_confirm: null,
    type,
  };
  if (type === 'subscription_cancel') {
    if (!configuration.features.subscription_cancel.enabled) {
      throw invalidRequest('This flow needs features[subscription_cancel][enabled] on the portal configuration.', {
        param: 'flow_data[type]',
      });
    }
    flow.subscription_cancel = { retention: null, subscription: cancellableSubscription(services, raw, customer).id };
  } else if (!configuration.features.payment_method_update.enabled) {
    throw invalidRequest('This flow needs features[payment_method_update][enabled] on the portal configuration.', {
      param: 'flow_data[type]',
    });
  }
  return flow;
}

function afterCompletionParam(raw: Params): Stripe.BillingPortal.Session.Flow.AfterCompletion {
  const after = optionalObject(raw, 'after_completion');
  if (!after) return { hosted_confirmation: null, redirect: null, type: 'portal_homepage' };
  for (const key of Object.keys(after))
    if (!['type', 'redirect', 'hosted_confirmation'].includes(key)) throw unknownParam(`flow_data[after_completion][${key}]`);
  const type = optionalString(after, 'type');
  if (!type) throw missingParam('flow_data[after_completion][type]');
  if (!(AFTER_COMPLETION_TYPES as readonly string[]).includes(type)) {
    throw invalidRequest(`Invalid flow_data[after_completion][type]: must be one of ${AFTER_COMPLETION_TYPES.join(', ')}`, {
      param: 'flow_data[after_completion][type]',
    });
  }
  if (type === 'redirect') {
    const returnUrl = optionalString(optionalObject(after, 'redirect') ?? {}, 'return_url');
    if (!returnUrl) throw missingParam('flow_data[after_completion][redirect][return_url]');
    try {
      new URL(returnUrl);
    } catch {
      throw invalidRequest('Not a valid URL', { param: 'flow_data[after_completion][redirect][return_url]', code: 'url_invalid' });
    }
    return { hosted_confirmation: null, redirect: { return_url: returnUrl }, type };
  }
  if (type === 'hosted_confirmation') {
    const message = optionalString(optionalObject(after, 'hosted_confirmation') ?? {}, 'custom_message') ?? null;
    if (message !== null && message.length > 500)
      throw invalidRequest('Invalid flow_data[after_completion][hosted_confirmation][custom_message]: at most 500 characters.', {
        param: 'flow_data[after_completion][hosted_confirmation][custom_message]',
      });
    return { hosted_confirmation: { custom_message: message }, redirect: null, type };
  }
  return { hosted_confirmation: null, redirect: null, type: 'portal_homepage' };
}

function cancellableSubscription(services: ProviderServices, raw: Params, customer: string): Stripe.Subscription {
  const param = 'flow_data[subscription_cancel][subscription]';
  const cancel = optionalObject(raw, 'subscription_cancel');
  if (!cancel) throw missingParam('flow_data[subscription_cancel]');
  for (const key of Object.keys(cancel)) {
    if (key === 'retention')
      throw invalidRequest('The sandbox provider does not emulate retention offers (coupons) in the cancellation flow.', {
        param: 'flow_data[subscription_cancel][retention]',
      });
    if (key !== 'subscription') throw unknownParam(`flow_data[subscription_cancel][${key}]`);
  }
  const id = optionalString(cancel, 'subscription');
  if (!id) throw missingParam(param);
  const subscription = services.store.get('subscription', id);
  if (!subscription) throw resourceMissing('subscription', id, param);
  if (customerIdOf(subscription) !== customer)
    throw invalidRequest(`The subscription ${id} does not belong to the customer ${customer}.`, { param });
  if (!CANCELLABLE_STATUSES.includes(subscription.status))
    throw invalidRequest(`The subscription ${id} cannot be canceled: its status is ${subscription.status}.`, { param });
  if (subscription.cancel_at_period_end)
    throw invalidRequest(`The subscription ${id} is already set to cancel at the end of its period.`, { param });
  return subscription;
}
