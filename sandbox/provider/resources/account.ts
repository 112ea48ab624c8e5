import type Stripe from 'stripe';
import { resourceMissing } from '../core/errors';
import type { Resource } from '../core/services';

/** The sandbox's one account, the same in both modes (as a Stripe account is; only the keys differ). */
export const SANDBOX_ACCOUNT_ID = 'acct_1DressRehearsal';
export const SANDBOX_ACCOUNT_NAME = 'Dress Rehearsal sandbox';

/** When the sandbox account was "opened": fixed, so every run reports the same account. */
const OPENED = 1_700_000_000;

const NO_REQUIREMENTS = {
  alternatives: [],
  current_deadline: null,
  currently_due: [],
  disabled_reason: null,
  errors: [],
  eventually_due: [],
  past_due: [],
  pending_verification: [],
};

/** A fully activated standard account with every top-level field Stripe returns for `GET /v1/account`. */
export function sandboxAccount(): Stripe.Account {
  return {
    id: SANDBOX_ACCOUNT_ID,
    object: 'account',
    business_profile: {
      annual_revenue: null,
      estimated_worker_count: null,
      mcc: '5691',
      minority_owned_business_designation: null,
      name: SANDBOX_ACCOUNT_NAME,
      product_description: 'T-shirts and a monthly club, sold to rehearse an integration.',
      specified_commercial_transactions_act_url: null,
      support_address: null,
      support_email: 'support@example.com',
      support_phone: null,
      support_url: null,
      url: 'https://example.com',
    },
    business_type: 'company',
    capabilities: { card_payments: 'active', transfers: 'active' },
    charges_enabled: true,
    controller: { type: 'account' },
    country: 'US',
    created: OPENED,
    default_currency: 'usd',
    details_submitted: true,
    email: 'owner@example.com',
    external_accounts: { object: 'list', data: [], has_more: false, url: `/v1/accounts/${SANDBOX_ACCOUNT_ID}/external_accounts` },
    future_requirements: { ...NO_REQUIREMENTS },
    metadata: {},
    payouts_enabled: true,
    requirements: { ...NO_REQUIREMENTS },
    settings: {
      bacs_debit_payments: { display_name: null, service_user_number: null },
      branding: { icon: null, logo: null, primary_color: null, secondary_color: null },
      card_issuing: { tos_acceptance: { date: null, ip: null } },
      card_payments: {
        decline_on: { avs_failure: false, cvc_failure: true },
        statement_descriptor_prefix: 'REHEARSAL',
        statement_descriptor_prefix_kana: null,
        statement_descriptor_prefix_kanji: null,
      },
      dashboard: { display_name: SANDBOX_ACCOUNT_NAME, timezone: 'Etc/UTC' },
      invoices: { default_account_tax_ids: null, hosted_payment_method_save: 'offer' },
      payments: {
        statement_descriptor: 'DRESS REHEARSAL',
        statement_descriptor_kana: null,
        statement_descriptor_kanji: null,
        statement_descriptor_prefix_kana: null,
        statement_descriptor_prefix_kanji: null,
      },
      payouts: { debit_negative_balances: true, schedule: { delay_days: 2, interval: 'daily' }, statement_descriptor: null },
      sepa_debit_payments: {},
    },
    tos_acceptance: { date: OPENED, ip: '127.0.0.1', user_agent: null },
    type: 'standard',
  };
}

/** `GET /v1/account`: the account the secret key belongs to (both modes); also by its id. */
export const account: Resource = {
  endpoints: [
    { method: 'GET', path: '/v1/account', params: [], handle: () => sandboxAccount() },
    {
      method: 'GET',
      path: '/v1/accounts/:id',
      params: [],
      handle({ path }) {
        if (path.id !== SANDBOX_ACCOUNT_ID) throw resourceMissing('account', path.id ?? '');
        return sandboxAccount();
      },
    },
  ],
};
