import type Stripe from 'stripe';
import { formatMoney } from '../../currencies';
import { invalidRequest, resourceMissing } from '../core/errors';
import { LIST_PARAMS, paginate } from '../core/listing';
import { metadataParam, oneOf, optionalInteger, optionalString } from '../core/params';
import type { ApiCall, ProviderServices, Resource } from '../core/services';
import { recordRefund } from '../payments/refundObject';
import { changedFields } from './changedFields';
import { refundsListOf } from './charges';

const REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;

function money(amount: number, currency: string): string {
  return formatMoney(amount, currency);
}

function findRefund({ services, path }: ApiCall): Stripe.Refund {
  const id = path.id ?? '';
  const refund = services.store.get('refund', id);
  if (!refund) throw resourceMissing('refund', id);
  return refund;
}

/** The charge a refund request names, directly or through its PaymentIntent's latest charge. */
function chargeToRefund(services: ProviderServices, chargeId: string | undefined, intentId: string | undefined): Stripe.Charge {
  if (!chargeId && !intentId) {
    throw invalidRequest('One of the following params should be provided for this request: payment_intent or charge.', {
      code: 'parameter_missing',
    });
  }
  if (chargeId) {
    const charge = services.store.get('charge', chargeId);
    if (!charge) throw resourceMissing('charge', chargeId, 'charge');
    if (intentId && charge.payment_intent !== intentId) {
      throw invalidRequest(`The charge ${chargeId} does not belong to the PaymentIntent ${intentId}.`, { param: 'charge' });
    }
    return charge;
  }
  const intent = services.store.get('payment_intent', intentId ?? '');
  if (!intent) throw resourceMissing('payment_intent', intentId ?? '', 'payment_intent');
  const latest = typeof intent.latest_charge === 'string' ? services.store.get('charge', intent.latest_charge) : undefined;
  if (!latest || intent.status !== 'succeeded') {
    throw invalidRequest(`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, {
      param: 'payment_intent',
      code: 'charge_not_refundable',
    });
  }
  return latest;
}

export const refunds: Resource = {
  endpoints: [
    {
      method: 'POST',
      path: '/v1/refunds',
      params: [
        'amount',
        'charge',
        'payment_intent',
        'reason',
        'metadata',
        'instructions_email',
        'refund_application_fee',
        'reverse_transfer',
      ],
      handle({ params, services, request }) {
        const charge = chargeToRefund(services, optionalString(params, 'charge'), optionalString(params, 'payment_intent'));
        const remaining = charge.amount - charge.amount_refunded;
        const amount = optionalInteger(params, 'amount') ?? remaining;
        const reason = oneOf(params, 'reason', REASONS) ?? null;
        const metadata = metadataParam(params) ?? {};
        if (charge.refunded || remaining <= 0) {
          throw invalidRequest(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded' });
        }
        if (amount <= 0) throw invalidRequest('Invalid positive integer', { param: 'amount', code: 'parameter_invalid_integer' });
        if (amount > remaining) {
          throw invalidRequest(
            `Refund amount (${money(amount, charge.currency)}) is greater than unrefunded amount on charge (${money(remaining, charge.currency)})`,
            { param: 'amount', code: 'amount_too_large' },
          );
        }
        const refund = recordRefund(services, charge, { amount, reason, metadata, cardType: 'refund', moveBalance: true });
        const previous: Partial<Stripe.Charge> = {
          amount_refunded: charge.amount_refunded,
          refunded: charge.refunded,
          refunds: refundsListOf(services, charge),
        };
        previous.refunds = { ...previous.refunds!, data: previous.refunds!.data.filter((r) => r.id !== refund.id) };
        charge.amount_refunded += amount;
        charge.refunded = charge.amount_refunded === charge.amount;
        charge.refunds = refundsListOf(services, charge);
        if (previous.refunded === charge.refunded) delete previous.refunded;
        services.events.emit('refund.created', refund, { request });
        services.events.emit('charge.refunded', charge, { request, previous });
        return refund;
      },
    },
    { method: 'GET', path: '/v1/refunds/:id', params: [], handle: findRefund },
    {
      method: 'POST',
      path: '/v1/refunds/:id',
      params: ['metadata'],
      handle(call) {
        const refund = findRefund(call);
        const before = { ...refund };
        const metadata = metadataParam(call.params, refund.metadata ?? {});
        if (metadata !== undefined) refund.metadata = metadata;
        const previous = changedFields(before, refund);
        if (previous) call.services.events.emit('refund.updated', refund, { request: call.request, previous });
        return refund;
      },
    },
    {
      method: 'GET',
      path: '/v1/refunds',
      params: [...LIST_PARAMS, 'charge', 'payment_intent'],
      handle({ params, services }) {
        const charge = optionalString(params, 'charge');
        const paymentIntent = optionalString(params, 'payment_intent');
        const items = services.store
          .all('refund')
          .filter(
            (r) => (charge === undefined || r.charge === charge) && (paymentIntent === undefined || r.payment_intent === paymentIntent),
          );
        return paginate(items, params, '/v1/refunds', 'refund');
      },
    },
  ],
};
