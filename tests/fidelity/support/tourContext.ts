import Stripe from 'stripe';

/** What a tour stop works with: the SDK pinned to the tour's version, and the ids earlier stops made. */
export interface TourContext {
  /** The official SDK, pinned to `version`, recording every answer. */
  stripe: Stripe;
  /** The same, with a secret key the sandbox does not know (for the 401). */
  strangerStripe: Stripe;
  /** The API version the tour runs in. */
  version: string;
  /** Ids made by earlier stops (`ids.customer`, `ids.paidIntent`, …). */
  ids: Record<string, string>;
}

/** The id an earlier stop saved; a clear failure when that stop did not get that far. */
export function saved(t: TourContext, name: string): string {
  const id = t.ids[name];
  if (!id) throw new Error(`needs ${name}, which an earlier stop did not make`);
  return id;
}

/** Stripe's versions sort by their date (`2020-08-27` < `2025-03-31.basil` < `2026-10-28.endive`). */
export function versionBefore(version: string, than: string): boolean {
  return version.slice(0, 10) < than.slice(0, 10);
}

/** Awaits a call that must fail with `status` (its answer is recorded and checked like any other). */
export async function refused(call: Promise<unknown>, status: number): Promise<void> {
  try {
    await call;
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError && err.statusCode === status) return;
    const detail = err instanceof Stripe.errors.StripeError ? `${err.statusCode} ${err.type}: ${err.message}` : String(err);
    throw new Error(`expected a ${status}, got ${detail}`);
  }
  throw new Error(`expected a ${status}, but the call succeeded`);
}

export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value == null) return null;
  return typeof value === 'string' ? value : value.id;
}
