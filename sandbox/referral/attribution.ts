import type { CustomerAttribution, ReferralStore } from './store';

const SECONDS_PER_DAY = 86_400;

/** The click with this id, if it exists and was made within its program's cookie window before `at`. */
function liveClick(store: ReferralStore, clickId: string, at: number): CustomerAttribution | null {
  const click = store.clicks.get(clickId);
  if (!click) return null;
  const program = store.programs.get(click.program);
  if (!program) return null;
  if (at - click.created > program.cookie_window_days * SECONDS_PER_DAY) return null;
  return { partner: click.partner, program: click.program, click: click.id };
}

/**
 * Last-click attribution of a one-off checkout: the click the checkout carries (its client_reference_id or
 * metadata.referral_click_id, the newer cookie value), else the customer's earlier attribution.
 */
export function attributeCheckout(
  store: ReferralStore,
  candidates: Array<string | null | undefined>,
  customerId: string | null,
  at: number,
): CustomerAttribution | null {
  for (const clickId of candidates) {
    const found = clickId ? liveClick(store, clickId, at) : null;
    if (found) return found;
  }
  return customerId ? (store.customerAttributions.get(customerId) ?? null) : null;
}

/**
 * A renewal keeps paying the partner the customer was first attributed to; a customer not yet attributed is
 * attributed through the click id the subscription or invoice carries.
 */
export function attributeRenewal(
  store: ReferralStore,
  customerId: string | null,
  candidates: Array<string | null | undefined>,
  at: number,
): CustomerAttribution | null {
  const known = customerId ? store.customerAttributions.get(customerId) : undefined;
  if (known) return known;
  for (const clickId of candidates) {
    const found = clickId ? liveClick(store, clickId, at) : null;
    if (found) return found;
  }
  return null;
}

/** Fixes the customer's partner the first time the customer is attributed. */
export function rememberCustomer(store: ReferralStore, customerId: string | null, attribution: CustomerAttribution): void {
  if (customerId && !store.customerAttributions.has(customerId)) store.customerAttributions.set(customerId, attribution);
}
