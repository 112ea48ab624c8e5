import type Stripe from 'stripe';
import type { CheckoutForm } from './checkoutForms';

/** Where a submitted form sends the browser: to Checkout or the success page, or nowhere (with the reason). */
export type CheckoutStep = { kind: 'redirect'; location: string } | { kind: 'unavailable'; message: string };

/**
 * The step for a form that already has a session: the success page once it is complete, Checkout again while it
 * is open, or undefined when it expired (the caller creates a new one).
 */
export async function stepForExistingSession(
  stripe: Stripe,
  form: CheckoutForm,
  successPath: (sessionId: string) => string,
): Promise<CheckoutStep | undefined> {
  if (!form.sessionId) return undefined;
  const session = await stripe.checkout.sessions.retrieve(form.sessionId);
  if (session.status === 'complete') return { kind: 'redirect', location: successPath(session.id) };
  if (session.status === 'open' && session.url) return { kind: 'redirect', location: session.url };
  return undefined;
}

/**
 * Creates the form's next Checkout Session with an idempotency key made of the form's token and the session's
 * number: a retried request (the SDK's, or a double submit) gets the same session back; a form whose session
 * expired gets a new one. The count only moves once the session exists.
 */
export async function createSessionForForm(
  stripe: Stripe,
  form: CheckoutForm,
  params: Stripe.Checkout.SessionCreateParams,
): Promise<Stripe.Checkout.Session> {
  const number = form.sessions + 1;
  const session = await stripe.checkout.sessions.create(params, { idempotencyKey: `lantern-${form.kind}-${form.token}-${number}` });
  form.sessions = number;
  form.sessionId = session.id;
  return session;
}

/** A Checkout Session id as it appears in a return URL, or undefined. */
export function sessionIdParam(url: URL): string | undefined {
  const id = url.searchParams.get('session_id') ?? '';
  return /^cs_(test|live)_[A-Za-z0-9]+$/.test(id) ? id : undefined;
}

/** The session, or undefined when the provider has none with that id. */
export async function retrieveSession(stripe: Stripe, id: string): Promise<Stripe.Checkout.Session | undefined> {
  try {
    return await stripe.checkout.sessions.retrieve(id);
  } catch (error) {
    if ((error as { code?: string }).code === 'resource_missing') return undefined;
    throw error;
  }
}
