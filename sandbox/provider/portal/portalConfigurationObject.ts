import type Stripe from 'stripe';
import { newId, unixNow } from '../core/ids';
import type { ProviderServices } from '../core/services';

type Configuration = Stripe.BillingPortal.Configuration;
type Features = Stripe.BillingPortal.Configuration.Features;

/** Stripe's cancellation reasons, the options `features.subscription_cancel.cancellation_reason.options` takes. */
export const CANCELLATION_REASONS = [
  'too_expensive',
  'missing_features',
  'switched_service',
  'unused',
  'customer_service',
  'too_complex',
  'low_quality',
  'other',
] as const;

/**
 * Every feature off, with the values Stripe shows for a feature nobody set (Stripe's example configuration):
 * what a configuration created through the API starts from before its `features` are applied.
 */
export function disabledFeatures(): Features {
  return {
    customer_update: { allowed_updates: [], enabled: false },
    invoice_history: { enabled: false },
    payment_method_update: { enabled: false, payment_method_configuration: null },
    subscription_cancel: {
      cancellation_reason: { enabled: false, feedback_options: null, options: [] },
      enabled: false,
      mode: 'at_period_end',
      proration_behavior: 'none',
    },
    // Stripe: "Defaults to `interval_options` with a single one-month option."
    subscription_pause: {
      duration: { interval_options: [{ interval: 'month', interval_count: 1 }], type: 'interval_options' },
      enabled: false,
    },
    subscription_update: {
      billing_cycle_anchor: null,
      default_allowed_updates: [],
      enabled: false,
      proration_behavior: 'none',
      schedule_at_period_end: { conditions: [] },
      trial_update_behavior: 'end_trial',
    },
  };
}

/**
 * The account's default configuration, as a merchant who saved the dashboard's portal settings with cancellations on
 * has it: customers may update their email and address, see their invoices, update their card and cancel at the end
 * of the period, giving a reason if they wish. Which boxes the dashboard ticks by default is the sandbox's guess; a
 * test changes them with `billingPortal.configurations.update` as the dashboard would.
 */
function defaultFeatures(): Features {
  const features = disabledFeatures();
  features.customer_update = { allowed_updates: ['email', 'address'], enabled: true };
  features.invoice_history = { enabled: true };
  features.payment_method_update = { enabled: true, payment_method_configuration: null };
  features.subscription_cancel = {
    cancellation_reason: { enabled: true, feedback_options: null, options: [...CANCELLATION_REASONS] },
    enabled: true,
    mode: 'at_period_end',
    proration_behavior: 'none',
  };
  return features;
}

export interface ConfigurationFields {
  isDefault: boolean;
  features: Features;
  businessProfile?: Partial<Stripe.BillingPortal.Configuration.BusinessProfile>;
  defaultReturnUrl?: string | null;
  metadata?: Stripe.Metadata | null;
  name?: string | null;
}

/** A configuration with every field Stripe returns (`bpc_…`), stored. */
export function storeConfiguration(services: ProviderServices, fields: ConfigurationFields): Configuration {
  const now = unixNow();
  const configuration: Configuration = {
    id: newId('bpc'),
    object: 'billing_portal.configuration',
    active: true,
    application: null,
    business_profile: { headline: null, privacy_policy_url: null, terms_of_service_url: null, ...fields.businessProfile },
    created: now,
    default_return_url: fields.defaultReturnUrl ?? null,
    features: fields.features,
    is_default: fields.isDefault,
    livemode: services.store.livemode,
    login_page: { enabled: false, url: null },
    metadata: fields.metadata ?? (fields.isDefault ? null : {}),
    name: fields.name ?? null,
    updated: now,
  };
  return services.store.add('billing_portal.configuration', configuration);
}

/** The default configuration, made on first use (Stripe's exists once the merchant saved the dashboard settings). */
export function defaultConfiguration(services: ProviderServices): Configuration {
  const existing = services.store.all('billing_portal.configuration').find((configuration) => configuration.is_default);
  return existing ?? storeConfiguration(services, { isDefault: true, features: defaultFeatures() });
}
