import type Stripe from 'stripe';
import { newId, randomBase62 } from '../core/ids';

export interface SetupIntentFields {
  created: number;
  customer: string | null;
  description: string | null;
  metadata: Record<string, string>;
  usage: 'off_session' | 'on_session';
  paymentMethodTypes: string[];
  allowedPaymentMethodTypes: string[] | null;
  automaticPaymentMethods: Stripe.SetupIntent.AutomaticPaymentMethods | null;
  flowDirections: Stripe.SetupIntent.FlowDirection[] | null;
  livemode: boolean;
}

/**
 * A new SetupIntent in `requires_payment_method`, with every top-level field of Stripe's example object (API
 * reference "The SetupIntent object" and ../shared/reference/stripe-fixtures3.json `setup_intent`) and the SDK's
 * non-optional ones (`allowed_payment_method_types`). Cards only: `payment_method_options.card` as Stripe's example
 * shows it (`mandate_options: null, network: null, request_three_d_secure: 'automatic'`); `mandate` and
 * `single_use_mandate` stay null (cards make no mandate). `latest_attempt` stays null: the sandbox keeps no
 * SetupAttempts (Stripe sets it once confirmed). `payment_method_configuration_details` is null (Stripe names its
 * default configuration there for dynamic payment methods; the sandbox has none).
 */
export function newSetupIntent(fields: SetupIntentFields): Stripe.SetupIntent {
  const id = newId('seti');
  return {
    id,
    object: 'setup_intent',
    allowed_payment_method_types: fields.allowedPaymentMethodTypes as Stripe.SetupIntent.AllowedPaymentMethodType[] | null,
    application: null,
    automatic_payment_methods: fields.automaticPaymentMethods,
    cancellation_reason: null,
    client_secret: `${id}_secret_${randomBase62(32)}`,
    created: fields.created,
    customer: fields.customer,
    description: fields.description,
    excluded_payment_method_types: null,
    flow_directions: fields.flowDirections,
    last_setup_error: null,
    latest_attempt: null,
    livemode: fields.livemode,
    mandate: null,
    metadata: fields.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: fields.paymentMethodTypes,
    single_use_mandate: null,
    status: 'requires_payment_method',
    usage: fields.usage,
  };
}
