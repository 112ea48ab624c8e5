import type Stripe from 'stripe';
import { ProviderApiError, docUrl } from '../core/errors';
import { snapshot } from '../core/expand';

/** What a card error says: Stripe's `code`, its `decline_code` and `param` when it has them, and the message. */
export interface CardErrorFacts {
  code: string;
  declineCode?: string;
  message: string;
  param?: string;
}

/** Stripe's 402 `card_error`, with the PaymentIntent as it stands when there is one. It never echoes what was typed. */
export function cardError(facts: CardErrorFacts, intent?: Stripe.PaymentIntent): ProviderApiError {
  const { code, declineCode, message, param } = facts;
  return new ProviderApiError(402, {
    type: 'card_error',
    code,
    ...(declineCode ? { decline_code: declineCode } : {}),
    doc_url: docUrl(code),
    message,
    ...(param !== undefined ? { param } : {}),
    ...(intent ? { payment_intent: snapshot(intent) } : {}),
  });
}
