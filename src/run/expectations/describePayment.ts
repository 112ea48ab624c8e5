import type { PaymentReference } from '../../model/target/contract';

/** The payment in words for messages: "checkout session cs_…" or "payment intent pi_…". */
export function describePayment(payment: PaymentReference): string {
  return `${payment.kind === 'checkout_session' ? 'checkout session' : 'payment intent'} ${payment.id}`;
}
