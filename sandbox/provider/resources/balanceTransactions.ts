import { resourceMissing } from '../core/errors';
import { LIST_PARAMS, paginate } from '../core/listing';
import { optionalString } from '../core/params';
import type { Resource } from '../core/services';

/** Balance transactions (`txn_…`), written by succeeded charges and refunds; read-only, as at Stripe. */
export const balanceTransactions: Resource = {
  endpoints: [
    {
      method: 'GET',
      path: '/v1/balance_transactions/:id',
      params: [],
      handle({ services, path }) {
        const id = path.id ?? '';
        const txn = services.store.get('balance_transaction', id);
        if (!txn) throw resourceMissing('balance_transaction', id);
        return txn;
      },
    },
    {
      method: 'GET',
      path: '/v1/balance_transactions',
      params: [...LIST_PARAMS, 'currency', 'source', 'type'],
      handle({ params, services }) {
        const currency = optionalString(params, 'currency')?.toLowerCase();
        const source = optionalString(params, 'source');
        const type = optionalString(params, 'type');
        const items = services.store
          .all('balance_transaction')
          .filter(
            (t) =>
              (currency === undefined || t.currency === currency) &&
              (source === undefined || t.source === source) &&
              (type === undefined || t.type === type),
          );
        return paginate(items, params, '/v1/balance_transactions', 'balance_transaction');
      },
    },
  ],
};
