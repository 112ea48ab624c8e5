import type Stripe from 'stripe';
import { resourceMissing } from '../core/errors';
import { LIST_PARAMS, paginate } from '../core/listing';
import { optionalString } from '../core/params';
import type { ProviderServices, Resource } from '../core/services';

/** A charge's `refunds` list, newest first, as Stripe embeds it. */
export function refundsListOf(services: ProviderServices, charge: Stripe.Charge): Stripe.ApiList<Stripe.Refund> {
  const data = services.store.all('refund').filter((refund) => refund.charge === charge.id);
  return { object: 'list', data, has_more: false, url: `/v1/charges/${charge.id}/refunds` };
}

export const charges: Resource = {
  // Since 2022-11-15 a charge's `refunds` list comes only with `expand[]=refunds` (an older version still embeds it:
  // versions/gates/paymentGates.ts). docs.stripe.com/changelog/2022-11-15/deprecates-charges-auto-expand
  expandable: {
    'charge.refunds': (owner, services) => refundsListOf(services, owner as unknown as Stripe.Charge),
  },
  endpoints: [
    {
      method: 'GET',
      path: '/v1/charges/:id',
      params: [],
      handle({ services, path }) {
        const id = path.id ?? '';
        const charge = services.store.get('charge', id);
        if (!charge) throw resourceMissing('charge', id);
        return charge;
      },
    },
    {
      method: 'GET',
      path: '/v1/charges',
      params: [...LIST_PARAMS, 'customer', 'payment_intent', 'transfer_group'],
      handle({ params, services }) {
        const customer = optionalString(params, 'customer');
        const paymentIntent = optionalString(params, 'payment_intent');
        const items = services.store
          .all('charge')
          .filter(
            (c) =>
              (customer === undefined || c.customer === customer) && (paymentIntent === undefined || c.payment_intent === paymentIntent),
          );
        return paginate(items, params, '/v1/charges', 'charge');
      },
    },
  ],
};
