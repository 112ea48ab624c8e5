import type Stripe from 'stripe';
import { invalidRequest, missingParam, resourceMissing } from '../core/errors';
import { snapshot } from '../core/expand';
import { unixNow } from '../core/ids';
import { paginate } from '../core/listing';
import { metadataParam, nullableString, optionalBoolean, optionalString, type Params } from '../core/params';
import type { ApiCall, ProviderServices, Resource } from '../core/services';
import { defaultConfiguration, disabledFeatures, storeConfiguration } from '../portal/portalConfigurationObject';
import { applyFeatureParams, businessProfileParam, checkLoginPageParam, urlAt } from '../portal/portalConfigurationParams';
import { flowParam } from '../portal/portalFlowParams';
import { storePortalSession } from '../portal/portalSessionObject';
import { changedFields } from './changedFields';

type Configuration = Stripe.BillingPortal.Configuration;

const CONFIGURATION_WRITABLE = ['business_profile', 'default_return_url', 'features', 'login_page', 'metadata', 'name'];

/** A configuration by id (`bpc_…`); Stripe names the object "configuration" in its 404 (wording unverified). */
function findConfiguration(services: ProviderServices, id: string, param = 'id'): Configuration {
  defaultConfiguration(services);
  const configuration = services.store.get('billing_portal.configuration', id);
  if (!configuration) throw resourceMissing('configuration', id, param);
  return configuration;
}

function returnUrlParam(params: Params, name: string): string | null | undefined {
  const value = nullableString(params, name);
  return value ? urlAt(value, name) : value;
}

/** The portal's locales, as Stripe lists them for `locale` (`auto`: the customer's or the browser's). */
const LOCALES = [
  'auto',
  'bg',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'en-AU',
  'en-CA',
  'en-GB',
  'en-IE',
  'en-IN',
  'en-NZ',
  'en-SG',
  'es',
  'es-419',
  'et',
  'fi',
  'fil',
  'fr',
  'fr-CA',
  'hr',
  'hu',
  'id',
  'it',
  'ja',
  'ko',
  'lt',
  'lv',
  'ms',
  'mt',
  'nb',
  'nl',
  'pl',
  'pt',
  'pt-BR',
  'ro',
  'ru',
  'sk',
  'sl',
  'sv',
  'th',
  'tr',
  'vi',
  'zh',
  'zh-HK',
  'zh-TW',
];

/** `locale`, stored as given (the sandbox's page is in English whatever it says); null when absent. */
function localeParam(params: Params): string | null {
  const locale = optionalString(params, 'locale');
  if (!locale) return null;
  if (!LOCALES.includes(locale)) throw invalidRequest(`Invalid locale: must be one of ${LOCALES.join(', ')}`, { param: 'locale' });
  return locale;
}

/**
 * Parameters Stripe accepts that the sandbox does not emulate: refused with a 400 that says so, rather than
 * accepted and ignored.
 */
function refuseNotEmulated(params: Params): void {
  const notEmulated: Record<string, string> = {
    on_behalf_of: 'Connect accounts',
    after_expiration: 'recovering an expired portal session',
    customer_account: 'Accounts v2 customers',
  };
  for (const [name, what] of Object.entries(notEmulated)) {
    if (params[name] !== undefined) throw invalidRequest(`The sandbox provider does not emulate ${what} (${name}).`, { param: name });
  }
}

export const billingPortal: Resource = {
  endpoints: [
    {
      method: 'POST',
      path: '/v1/billing_portal/sessions',
      params: ['customer', 'configuration', 'return_url', 'locale', 'flow_data', 'on_behalf_of', 'after_expiration', 'customer_account'],
      handle({ params, services, request }) {
        refuseNotEmulated(params);
        const customerId = optionalString(params, 'customer');
        if (!customerId) throw missingParam('customer');
        if (!services.store.get('customer', customerId)) throw resourceMissing('customer', customerId, 'customer');
        const configurationId = optionalString(params, 'configuration');
        const configuration = configurationId
          ? findConfiguration(services, configurationId, 'configuration')
          : defaultConfiguration(services);
        // Stripe refuses an inactive configuration (its wording unverified).
        if (!configuration.active) throw invalidRequest(`The configuration ${configuration.id} is not active.`, { param: 'configuration' });
        const returnUrl = returnUrlParam(params, 'return_url') ?? null;
        const session = storePortalSession(services, {
          customer: customerId,
          configuration,
          returnUrl,
          locale: localeParam(params),
          flow: flowParam(services, params, customerId, configuration),
        });
        services.events.emit('billing_portal.session.created', session, { request });
        return session;
      },
    },
    {
      method: 'GET',
      path: '/v1/billing_portal/configurations',
      params: ['limit', 'starting_after', 'ending_before', 'active', 'is_default'],
      handle({ params, services }) {
        defaultConfiguration(services);
        const active = optionalBoolean(params, 'active');
        const isDefault = optionalBoolean(params, 'is_default');
        const items = services.store
          .all('billing_portal.configuration')
          .filter((c) => (active === undefined || c.active === active) && (isDefault === undefined || c.is_default === isDefault));
        return paginate(items, params, '/v1/billing_portal/configurations', 'configuration');
      },
    },
    {
      method: 'GET',
      path: '/v1/billing_portal/configurations/:id',
      params: [],
      handle: ({ services, path }: ApiCall) => findConfiguration(services, path.id ?? ''),
    },
    {
      method: 'POST',
      path: '/v1/billing_portal/configurations',
      params: CONFIGURATION_WRITABLE,
      handle({ params, services, request }) {
        defaultConfiguration(services);
        const features = disabledFeatures();
        applyFeatureParams(features, params, true);
        checkLoginPageParam(params);
        const configuration = storeConfiguration(services, {
          isDefault: false,
          features,
          businessProfile: businessProfileParam(params),
          defaultReturnUrl: returnUrlParam(params, 'default_return_url') ?? null,
          metadata: metadataParam(params) ?? {},
          name: nullableString(params, 'name') ?? null,
        });
        services.events.emit('billing_portal.configuration.created', configuration, { request });
        return configuration;
      },
    },
    {
      method: 'POST',
      path: '/v1/billing_portal/configurations/:id',
      params: ['active', ...CONFIGURATION_WRITABLE],
      handle({ params, services, path, request }) {
        const configuration = findConfiguration(services, path.id ?? '');
        const before = snapshot(configuration);
        // Validate everything on copies first: nothing changes when a parameter is wrong.
        const features = snapshot(configuration.features);
        applyFeatureParams(features, params, false);
        checkLoginPageParam(params);
        const profile = businessProfileParam(params);
        const returnUrl = returnUrlParam(params, 'default_return_url');
        const metadata = metadataParam(params, configuration.metadata ?? {});
        const name = nullableString(params, 'name');
        const active = optionalBoolean(params, 'active');
        // The sandbox's rule (Stripe's behaviour unverified): the default configuration cannot be switched off.
        if (active === false && configuration.is_default)
          throw invalidRequest('The default configuration cannot be deactivated.', { param: 'active' });

        configuration.features = features;
        if (profile) configuration.business_profile = { ...configuration.business_profile, ...profile };
        if (returnUrl !== undefined) configuration.default_return_url = returnUrl;
        if (metadata !== undefined) configuration.metadata = metadata;
        if (name !== undefined) configuration.name = name;
        if (active !== undefined) configuration.active = active;
        const previous = changedFields(before, configuration);
        if (previous) {
          previous.updated = before.updated;
          configuration.updated = unixNow();
          services.events.emit('billing_portal.configuration.updated', configuration, { request, previous });
        }
        return configuration;
      },
    },
  ],
};
