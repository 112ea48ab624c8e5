import type Stripe from 'stripe';
import { invalidRequest, missingParam, unknownParam } from '../core/errors';
import { optionalObject, optionalString, optionalStringArray, type Params } from '../core/params';
import { CANCELLATION_REASONS } from './portalConfigurationObject';

type Features = Stripe.BillingPortal.Configuration.Features;

const ALLOWED_UPDATES = ['address', 'email', 'name', 'phone', 'shipping', 'tax_id'];
const SUBSCRIPTION_UPDATES = ['price', 'promotion_code', 'quantity'];

/** Refuses keys of `object` that are not in `known` (`param` is where `object` sits, e.g. `features[invoice_history]`). */
function onlyKnownKeys(object: Params, known: readonly string[], param: string): void {
  for (const key of Object.keys(object)) if (!known.includes(key)) throw unknownParam(`${param}[${key}]`);
}

function nested(params: Params, name: string, param: string): Params | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidRequest('Invalid object', { param: `${param}[${name}]`, code: 'parameter_invalid_object' });
  return value as Params;
}

function booleanAt(params: Params, name: string, param: string, required: boolean): boolean | undefined {
  const value = params[name];
  if (value === undefined) {
    if (required) throw missingParam(`${param}[${name}]`);
    return undefined;
  }
  if (value === 'true' || value === true) return true;
  if (value === 'false' || value === false) return false;
  throw invalidRequest(`Invalid boolean: ${String(value)}`, { param: `${param}[${name}]`, code: 'parameter_invalid_boolean' });
}

function choice<T extends string>(params: Params, name: string, param: string, allowed: readonly T[]): T | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw invalidRequest(`Invalid ${param}[${name}]: must be one of ${allowed.join(', ')}`, { param: `${param}[${name}]` });
  return value as T;
}

function choices<T extends string>(params: Params, name: string, param: string, allowed: readonly string[]): T[] | undefined {
  const values = optionalStringArray(params, name);
  values?.forEach((value, i) => {
    if (!allowed.includes(value))
      throw invalidRequest(`Invalid ${param}[${name}][${i}]: must be one of ${allowed.join(', ')}`, { param: `${param}[${name}][${i}]` });
  });
  return values as T[] | undefined;
}

/** A feature the sandbox's portal does not emulate beyond storing the setting. */
function notEmulated(param: string, what: string): never {
  throw invalidRequest(`The sandbox provider does not emulate ${what} (${param}).`, { param });
}

/**
 * Applies `features[…]` to `features` (a copy the caller owns), validating first what Stripe validates:
 * on create (`creating`) every feature given needs its `enabled`, as Stripe's create parameters require.
 */
export function applyFeatureParams(features: Features, params: Params, creating: boolean): void {
  const raw = optionalObject(params, 'features');
  if (!raw) {
    if (creating) throw missingParam('features');
    return;
  }
  onlyKnownKeys(
    raw,
    ['customer_update', 'invoice_history', 'payment_method_update', 'subscription_cancel', 'subscription_pause', 'subscription_update'],
    'features',
  );

  const customerUpdate = nested(raw, 'customer_update', 'features');
  if (customerUpdate) {
    const at = 'features[customer_update]';
    onlyKnownKeys(customerUpdate, ['enabled', 'allowed_updates'], at);
    const enabled = booleanAt(customerUpdate, 'enabled', at, creating);
    const allowed = choices<Stripe.BillingPortal.Configuration.Features.CustomerUpdate.AllowedUpdate>(
      customerUpdate,
      'allowed_updates',
      at,
      ALLOWED_UPDATES,
    );
    if (enabled !== undefined) features.customer_update.enabled = enabled;
    if (allowed !== undefined) features.customer_update.allowed_updates = allowed;
  }

  const invoiceHistory = nested(raw, 'invoice_history', 'features');
  if (invoiceHistory) {
    onlyKnownKeys(invoiceHistory, ['enabled'], 'features[invoice_history]');
    features.invoice_history.enabled = booleanAt(invoiceHistory, 'enabled', 'features[invoice_history]', true) as boolean;
  }

  const paymentMethodUpdate = nested(raw, 'payment_method_update', 'features');
  if (paymentMethodUpdate) {
    const at = 'features[payment_method_update]';
    onlyKnownKeys(paymentMethodUpdate, ['enabled', 'payment_method_configuration'], at);
    features.payment_method_update.enabled = booleanAt(paymentMethodUpdate, 'enabled', at, true) as boolean;
    if (optionalString(paymentMethodUpdate, 'payment_method_configuration'))
      notEmulated(`${at}[payment_method_configuration]`, 'payment method configurations');
  }

  const cancel = nested(raw, 'subscription_cancel', 'features');
  if (cancel) applySubscriptionCancel(features.subscription_cancel, cancel, creating);

  const pause = nested(raw, 'subscription_pause', 'features');
  if (pause) {
    onlyKnownKeys(pause, ['enabled', 'duration'], 'features[subscription_pause]');
    if (pause.duration !== undefined) notEmulated('features[subscription_pause][duration]', 'pausing subscriptions');
    const enabled = booleanAt(pause, 'enabled', 'features[subscription_pause]', false);
    if (enabled !== undefined) features.subscription_pause.enabled = enabled;
  }

  const update = nested(raw, 'subscription_update', 'features');
  if (update) applySubscriptionUpdate(features.subscription_update, update, creating);
}

function applySubscriptionCancel(
  cancel: Stripe.BillingPortal.Configuration.Features.SubscriptionCancel,
  raw: Params,
  creating: boolean,
): void {
  const at = 'features[subscription_cancel]';
  onlyKnownKeys(raw, ['enabled', 'mode', 'proration_behavior', 'cancellation_reason'], at);
  const enabled = booleanAt(raw, 'enabled', at, creating);
  const mode = choice(raw, 'mode', at, ['at_period_end', 'immediately'] as const);
  // Stripe: "Possible values are `none` and `create_prorations` … Passing `always_invoice` will result in an error."
  const proration = choice(raw, 'proration_behavior', at, ['none', 'create_prorations'] as const);
  if (proration === 'create_prorations' && (mode ?? cancel.mode) !== 'immediately') {
    throw invalidRequest('create_prorations is only compatible with mode=immediately.', { param: `${at}[proration_behavior]` }); // Stripe's rule; wording a guess.
  }
  const reason = nested(raw, 'cancellation_reason', at);
  if (reason) {
    const reasonAt = `${at}[cancellation_reason]`;
    onlyKnownKeys(reason, ['enabled', 'options', 'feedback_options'], reasonAt);
    if (optionalStringArray(reason, 'feedback_options')?.length) notEmulated(`${reasonAt}[feedback_options]`, 'custom feedback options');
    cancel.cancellation_reason.enabled = booleanAt(reason, 'enabled', reasonAt, true) as boolean;
    const options = choices<Stripe.BillingPortal.Configuration.Features.SubscriptionCancel.CancellationReason.Option>(
      reason,
      'options',
      reasonAt,
      CANCELLATION_REASONS,
    );
    if (options !== undefined) cancel.cancellation_reason.options = options;
    else if (creating) throw missingParam(`${reasonAt}[options]`);
  }
  if (enabled !== undefined) cancel.enabled = enabled;
  if (mode !== undefined) cancel.mode = mode;
  if (proration !== undefined) cancel.proration_behavior = proration;
}

/** Stored as given: the sandbox's portal does not offer plan changes (sandbox/README.md, Known differences). */
function applySubscriptionUpdate(
  update: Stripe.BillingPortal.Configuration.Features.SubscriptionUpdate,
  raw: Params,
  creating: boolean,
): void {
  const at = 'features[subscription_update]';
  onlyKnownKeys(
    raw,
    [
      'enabled',
      'default_allowed_updates',
      'proration_behavior',
      'products',
      'billing_cycle_anchor',
      'trial_update_behavior',
      'schedule_at_period_end',
    ],
    at,
  );
  if (raw.products !== undefined && raw.products !== '') notEmulated(`${at}[products]`, 'plan changes in the customer portal');
  if (raw.schedule_at_period_end !== undefined) notEmulated(`${at}[schedule_at_period_end]`, 'plan changes in the customer portal');
  const enabled = booleanAt(raw, 'enabled', at, creating);
  const allowed = choices<Stripe.BillingPortal.Configuration.Features.SubscriptionUpdate.DefaultAllowedUpdate>(
    raw,
    'default_allowed_updates',
    at,
    SUBSCRIPTION_UPDATES,
  );
  const proration = choice(raw, 'proration_behavior', at, ['always_invoice', 'create_prorations', 'none'] as const);
  const anchor = choice(raw, 'billing_cycle_anchor', at, ['now', 'unchanged'] as const);
  const trial = choice(raw, 'trial_update_behavior', at, ['continue_trial', 'end_trial'] as const);
  if (enabled !== undefined) update.enabled = enabled;
  if (allowed !== undefined) update.default_allowed_updates = allowed;
  if (proration !== undefined) update.proration_behavior = proration;
  if (anchor !== undefined) update.billing_cycle_anchor = anchor;
  if (trial !== undefined) update.trial_update_behavior = trial;
}

/** `business_profile[headline|privacy_policy_url|terms_of_service_url]`; an empty value clears one. */
export function businessProfileParam(params: Params): Partial<Stripe.BillingPortal.Configuration.BusinessProfile> | undefined {
  const raw = optionalObject(params, 'business_profile');
  if (!raw) return undefined;
  onlyKnownKeys(raw, ['headline', 'privacy_policy_url', 'terms_of_service_url'], 'business_profile');
  const profile: Partial<Stripe.BillingPortal.Configuration.BusinessProfile> = {};
  for (const key of ['headline', 'privacy_policy_url', 'terms_of_service_url'] as const) {
    const value = optionalString(raw, key);
    if (value === undefined) continue;
    if (key !== 'headline' && value !== '') urlAt(value, `business_profile[${key}]`);
    profile[key] = value === '' ? null : value;
  }
  return profile;
}

/** `login_page[enabled]`: the sandbox serves no portal login page, so only `false` is accepted. */
export function checkLoginPageParam(params: Params): void {
  const raw = optionalObject(params, 'login_page');
  if (!raw) return;
  onlyKnownKeys(raw, ['enabled'], 'login_page');
  if (booleanAt(raw, 'enabled', 'login_page', true)) notEmulated('login_page[enabled]', "the customer portal's login page");
}

/** An absolute http(s) URL, as Stripe's `url_invalid` checks. */
export function urlAt(value: string, param: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    // answered below
  }
  throw invalidRequest('Not a valid URL', { param, code: 'url_invalid' });
}
