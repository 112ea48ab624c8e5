import type { PaymentReference, Target } from '../../src/model/target/contract';

/** The provider event that says a payment went through: checkout.session.completed, or payment_intent.succeeded. */
export function paymentEvent(payment: PaymentReference): { type: string; objectId: string } {
  return { type: paymentEventType(payment.kind), objectId: payment.id };
}

/** The event type of a payment of this kind going through. */
export function paymentEventType(kind: PaymentReference['kind']): string {
  return kind === 'checkout_session' ? 'checkout.session.completed' : 'payment_intent.succeeded';
}

/** The kind of payment the target's payment form makes: a hosted checkout a session, an embedded form a payment intent. */
export function targetPaymentKind(target: Pick<Target, 'capabilities'>): PaymentReference['kind'] {
  return target.capabilities.paymentForm === 'hosted-checkout' ? 'checkout_session' : 'payment_intent';
}

/** Where the customer pays, in a step title: "through the hosted checkout" or "in the payment form on the shop's page". */
export function paymentFormWords(target: Pick<Target, 'capabilities'>): string {
  return target.capabilities.paymentForm === 'hosted-checkout' ? 'through the hosted checkout' : "in the payment form on the shop's page";
}

/** The provider API the merchant creates a payment with: where its idempotency keys are looked for. */
export function paymentCreationPath(kind: PaymentReference['kind']): string {
  return kind === 'checkout_session' ? '/v1/checkout/sessions' : '/v1/payment_intents';
}
