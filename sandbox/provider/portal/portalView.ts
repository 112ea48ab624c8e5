import type Stripe from 'stripe';
import type { ProviderServices } from '../core/services';
import { expireIfDue } from '../billing/expireIncomplete';
import { customerIdOf } from '../billing/periods';
import { CANCELLABLE_STATUSES } from './portalFlowParams';

/** What one portal page shows: the session, its configuration and the customer's billing state. */
export interface PortalView {
  /** `/p/session/<secret>`: the base every portal link and form posts to. */
  base: string;
  session: Stripe.BillingPortal.Session;
  configuration: Stripe.BillingPortal.Configuration;
  customer: Stripe.Customer;
  /** The subscriptions the portal lists (current ones: active, trialing, past due, unpaid), newest first. */
  subscriptions: Stripe.Subscription[];
  /** The customer's cards, the default first. */
  cards: Stripe.PaymentMethod[];
  defaultCardId: string | null;
  /** The customer's finalized invoices, newest first. */
  invoices: Stripe.Invoice[];
}

export function portalView(
  services: ProviderServices,
  base: string,
  session: Stripe.BillingPortal.Session,
  customer: Stripe.Customer,
): PortalView {
  const configuration = services.store.get(
    'billing_portal.configuration',
    session.configuration as string,
  ) as Stripe.BillingPortal.Configuration;
  const subscriptions = services.store.all('subscription').filter((subscription) => {
    if (customerIdOf(subscription) !== customer.id) return false;
    expireIfDue(services, subscription);
    return CANCELLABLE_STATUSES.includes(subscription.status);
  });
  const defaultCardId =
    idOf(customer.invoice_settings.default_payment_method) ??
    subscriptions.map((s) => idOf(s.default_payment_method)).find((id) => id !== null) ??
    null;
  const cards = services.store
    .all('payment_method')
    .filter((method) => method.customer === customer.id && method.type === 'card')
    .sort((a, b) => Number(b.id === defaultCardId) - Number(a.id === defaultCardId));
  const invoices = services.store.all('invoice').filter((invoice) => invoice.customer === customer.id && invoice.status !== 'draft');
  return { base, session, configuration, customer, subscriptions, cards, defaultCardId, invoices };
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}
