import type Stripe from 'stripe';
import { newId, unixNow } from '../core/ids';
import type { ProviderServices } from '../core/services';
import { newPortalLinkSecret } from './portalLinks';

export interface PortalSessionFields {
  customer: string;
  configuration: Stripe.BillingPortal.Configuration;
  returnUrl: string | null;
  locale: string | null;
  flow: Stripe.BillingPortal.Session.Flow | null;
}

/**
 * A portal session with every field Stripe returns (`bps_…`), stored, with its short-lived URL
 * `<provider>/p/session/test_…` (Stripe's is `https://billing.stripe.com/p/session/test_…`).
 */
export function storePortalSession(services: ProviderServices, fields: PortalSessionFields): Stripe.BillingPortal.Session {
  const secret = newPortalLinkSecret(services.store.livemode);
  const session: Stripe.BillingPortal.Session = {
    id: newId('bps'),
    object: 'billing_portal.session',
    // In this API version the field is on the object (null unless `after_expiration` was given, which the sandbox refuses).
    after_expiration: null,
    configuration: fields.configuration.id,
    created: unixNow(),
    customer: fields.customer,
    customer_account: null,
    flow: fields.flow,
    livemode: services.store.livemode,
    locale: fields.locale,
    on_behalf_of: null,
    // The configuration's `default_return_url` when none is given (the sandbox's reading of "This can be overridden
    // when creating the session"); null when neither is set: the portal then shows no return link.
    return_url: fields.returnUrl ?? fields.configuration.default_return_url,
    url: `${services.baseUrl()}/p/session/${secret}`,
  };
  services.store.add('billing_portal.session', session);
  services.store.portalLinks.set(secret, { sessionId: session.id, createdAtMs: Date.now(), firstVisitAtMs: null, flowCompleted: false });
  return session;
}
