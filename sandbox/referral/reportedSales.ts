import type { ReferralContext } from './context';
import type { ReferralMetadata } from '../../contracts/referral';
import type { PlatformConversion } from './platformObjects';
import { ApiError, invalidParam } from './apiError';
import { attributeCheckout } from './attribution';
import { recordConversion } from './conversions';
import { unixNow } from './ids';

/** The body of `POST /v1/conversions`: a sale the merchant's server reports after its payment intent succeeded. */
interface ReportedSaleBody {
  click?: unknown;
  payment_intent?: unknown;
  amount?: unknown;
  currency?: unknown;
  customer_email?: unknown;
  metadata?: unknown;
}

const PARAMS = new Set(['click', 'payment_intent', 'amount', 'currency', 'customer_email', 'metadata']);
const PAYMENT_INTENT = /^pi_[A-Za-z0-9_]{1,200}$/;
const CURRENCY = /^[a-z]{3}$/;

function requiredString(body: ReportedSaleBody, param: 'click' | 'payment_intent' | 'currency'): string {
  const value = body[param];
  if (value === undefined || value === null || value === '')
    throw invalidParam(param, `Missing required param: ${param}.`, 'parameter_missing');
  if (typeof value !== 'string') throw invalidParam(param, `Invalid ${param}: expected a string.`);
  return value;
}

/** A positive whole amount in minor units; a form body sends it as digits. */
function saleAmount(value: unknown): number {
  if (value === undefined || value === null || value === '')
    throw invalidParam('amount', 'Missing required param: amount.', 'parameter_missing');
  const amount = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) {
    throw invalidParam(
      'amount',
      "Invalid amount: expected a positive whole number in the currency's minor units (1500 jpy is ¥1,500, 2000 usd is $20.00).",
    );
  }
  return amount;
}

function metadataOf(value: unknown): ReferralMetadata {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParam('metadata', 'Invalid metadata: expected an object of strings.');
  const metadata: ReferralMetadata = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') throw invalidParam(`metadata[${key}]`, `Invalid metadata[${key}]: expected a string.`);
    metadata[key] = item;
  }
  return metadata;
}

/**
 * Records a sale the merchant reports (`POST /v1/conversions`, secret key): attributed to the click it names, if
 * that click is within its programme's cookie window now (else 400 `click_not_found`), with the programme's rule,
 * once per (payment intent, programme). A repeat returns the conversion already recorded (`created: false`).
 */
export function recordReportedSale(context: ReferralContext, rawBody: unknown): { created: boolean; conversion: PlatformConversion } {
  const body = (rawBody && typeof rawBody === 'object' ? rawBody : {}) as ReportedSaleBody;
  for (const param of Object.keys(body)) {
    if (!PARAMS.has(param)) throw invalidParam(param, `Received unknown parameter: ${param}`, 'parameter_unknown');
  }
  const clickId = requiredString(body, 'click');
  const paymentIntent = requiredString(body, 'payment_intent');
  if (!PAYMENT_INTENT.test(paymentIntent))
    throw invalidParam('payment_intent', 'Invalid payment_intent: expected a payment intent id (pi_…).');
  const amount = saleAmount(body.amount);
  const currency = requiredString(body, 'currency').toLowerCase();
  if (!CURRENCY.test(currency)) throw invalidParam('currency', 'Invalid currency: expected a three-letter ISO code such as jpy.');
  const email = body.customer_email;
  if (email !== undefined && email !== null && typeof email !== 'string')
    throw invalidParam('customer_email', 'Invalid customer_email: expected a string.');
  const metadata = metadataOf(body.metadata);

  const { store, sender, faults } = context;
  const attribution = attributeCheckout(store, [clickId], null, unixNow());
  if (!attribution) {
    throw new ApiError(
      400,
      'invalid_request_error',
      'click_not_found',
      `No such click: '${clickId}' (unknown, or older than its programme's cookie window).`,
      'click',
    );
  }
  const outcome = recordConversion(store, sender, faults, attribution, {
    source: { type: 'payment_intent', id: paymentIntent },
    subscription: null,
    sourceIds: [paymentIntent],
    paymentIntent,
    customerEmail: email || null,
    amount,
    quantity: 1,
    currency,
    providerEvent: null,
    livemode: context.livemode,
    metadata,
  });
  if (outcome.created) return { created: true, conversion: outcome.conversion };
  const existing = store.conversions.get(outcome.existing);
  if (!existing) throw new Error(`Conversion ${outcome.existing} is indexed but not stored.`);
  return { created: false, conversion: existing };
}
