import { idOf, listOf, type JsonObject, type RenderContext, type VersionGate } from '../gate';

/** The invoice a PaymentIntent was created to pay (through the invoice's payments), or null. */
function invoiceOfIntent(context: RenderContext, intentId: string | null): string | null {
  if (!intentId) return null;
  for (const [invoiceId, payments] of context.store.invoicePayments) {
    if (payments.some((payment) => idOf(payment.payment.payment_intent) === intentId)) return invoiceId;
  }
  return null;
}

/** A full PaymentIntent, not the subset a browser sees through the publishable key (no `customer` there). */
function isWholeIntent(intent: JsonObject): boolean {
  return 'customer' in intent;
}

export const PAYMENT_GATES: VersionGate[] = [
  {
    version: '2025-03-31.basil',
    objects: ['payment_intent', 'charge'],
    change: 'PaymentIntent.invoice and Charge.invoice removed (the invoice a payment pays is found through invoice payments)',
    source:
      'stripe-node 18.0.0 CHANGELOG (pinned 2025-03-31.basil): "Remove support for `invoice` on `Charge` and `PaymentIntent`"; ' +
      'stripe/openapi fixtures3.json 2025-03-25 (1ef159c3) drops `invoice` from both',
    downgrade(object, context) {
      if (object.object === 'payment_intent') {
        if (isWholeIntent(object)) object.invoice = invoiceOfIntent(context, idOf(object.id));
        return;
      }
      object.invoice = invoiceOfIntent(context, idOf(object.payment_intent));
    },
  },
  {
    version: '2023-08-16',
    objects: ['payment_intent'],
    change:
      'A PaymentIntent created without payment_method_types gets automatic_payment_methods { enabled: true, allow_redirects: "always" } ' +
      '(before: card only, automatic_payment_methods null); confirming it then needs a return_url unless off_session=true or ' +
      'allow_redirects=never',
    source: 'docs.stripe.com/changelog/2023-08-16/automatic-payment-methods',
    behaviour: 'resources/paymentIntents.ts (creation default and the confirm return_url rule)',
  },
  {
    version: '2022-11-15',
    objects: ['payment_intent'],
    change: 'PaymentIntent.charges (a list of its charges) removed, replaced by latest_charge',
    source:
      'docs.stripe.com/changelog/2022-11-15/removes-charges-attribute-paymentintent; stripe-node 11.0.0 CHANGELOG: "Remove `charges` field ' +
      'on `PaymentIntent` and replace it with `latest_charge`"; stripe/openapi fixtures3.json before 79e5f5f4 (2022-11-17): ' +
      '`charges: { object: "list", data, has_more, url: "/v1/charges?payment_intent=pi_…" }`',
    downgrade(object, context) {
      if (!isWholeIntent(object)) return;
      const id = idOf(object.id) ?? '';
      const charges = context.store.all('charge').filter((charge) => idOf(charge.payment_intent) === id);
      object.charges = listOf(
        charges.map((charge) => context.find(charge.id)!),
        `/v1/charges?payment_intent=${id}`,
      );
      delete object.latest_charge;
    },
  },
  {
    version: '2022-11-15',
    objects: ['charge'],
    change: 'Charge.refunds no longer auto-expanded (only with expand[]=refunds)',
    source:
      'docs.stripe.com/changelog/2022-11-15/deprecates-charges-auto-expand; stripe/openapi fixtures3.json before 79e5f5f4: ' +
      '`refunds: { object: "list", data, has_more, url: "/v1/charges/ch_…/refunds" }`',
    downgrade(object, context) {
      const id = idOf(object.id) ?? '';
      const refunds = context.store.all('refund').filter((refund) => idOf(refund.charge) === id);
      object.refunds = listOf(
        refunds.map((refund) => context.find(refund.id)!),
        `/v1/charges/${id}/refunds`,
      );
    },
  },
];
