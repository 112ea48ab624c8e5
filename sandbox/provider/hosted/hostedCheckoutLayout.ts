import { ProviderApiError, invalidRequest } from '../core/errors';

/**
 * How the hosted Checkout page is laid out, as Stripe varies it by account and customer: the card form shown at
 * once (`card`), collapsed behind a "Pay with card" accordion button under a wallet button (`accordion`), or with
 * a Link prompt over the form once an email is there (`link`); 3-D Secure as a page of its own (`page`) or in a
 * modal iframe named `stripe-challenge-frame` (`frame`).
 */
export interface HostedCheckoutLayout {
  layout: 'card' | 'accordion' | 'link';
  threeDSecure: 'page' | 'frame';
}

/** Stripe's plainest page: the card form at once, 3-D Secure on a page of its own. */
export const DEFAULT_HOSTED_CHECKOUT_LAYOUT: HostedCheckoutLayout = { layout: 'card', threeDSecure: 'page' };

/** The environment variable the provider reads its layout from at start (JSON). */
export const HOSTED_CHECKOUT_VARIABLE = 'SANDBOX_HOSTED_CHECKOUT';

const LAYOUTS = ['card', 'accordion', 'link'] as const;
const THREE_D_SECURE = ['page', 'frame'] as const;

/** A layout given at start (environment or option) that is not valid JSON or not a valid layout. */
export class HostedCheckoutLayoutError extends Error {
  override name = 'HostedCheckoutLayoutError';
}

/** Checks a layout as `PUT /_sandbox/hosted_checkout` sends it; a missing member takes its default. Throws a 400. */
export function validateHostedCheckoutLayout(value: unknown): HostedCheckoutLayout {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest('The hosted checkout layout must be a JSON object, e.g. {"layout":"accordion","threeDSecure":"frame"}.');
  }
  const given = value as Record<string, unknown>;
  for (const name of Object.keys(given)) {
    if (name !== 'layout' && name !== 'threeDSecure')
      throw invalidRequest(`Unknown hosted checkout setting: ${name}. Use layout and threeDSecure.`, { param: name });
  }
  const layout = given.layout ?? DEFAULT_HOSTED_CHECKOUT_LAYOUT.layout;
  const threeDSecure = given.threeDSecure ?? DEFAULT_HOSTED_CHECKOUT_LAYOUT.threeDSecure;
  if (!LAYOUTS.includes(layout as HostedCheckoutLayout['layout'])) {
    throw invalidRequest(`Invalid layout: must be one of ${LAYOUTS.join(', ')}.`, { param: 'layout' });
  }
  if (!THREE_D_SECURE.includes(threeDSecure as HostedCheckoutLayout['threeDSecure'])) {
    throw invalidRequest(`Invalid threeDSecure: must be one of ${THREE_D_SECURE.join(', ')}.`, { param: 'threeDSecure' });
  }
  return { layout: layout as HostedCheckoutLayout['layout'], threeDSecure: threeDSecure as HostedCheckoutLayout['threeDSecure'] };
}

/** The layout in `SANDBOX_HOSTED_CHECKOUT` (JSON), or null when unset or blank; throws HostedCheckoutLayoutError naming the variable. */
export function hostedCheckoutLayoutFromEnv(env: NodeJS.ProcessEnv = process.env): HostedCheckoutLayout | null {
  const text = env[HOSTED_CHECKOUT_VARIABLE]?.trim();
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HostedCheckoutLayoutError(
      `${HOSTED_CHECKOUT_VARIABLE} is not valid JSON (${(error as Error).message}); expected e.g. {"layout":"accordion","threeDSecure":"frame"}.`,
    );
  }
  return checkedHostedCheckoutLayout(value, HOSTED_CHECKOUT_VARIABLE);
}

/** Validates a layout given in code or the environment; `source` names where it came from in the error. */
export function checkedHostedCheckoutLayout(value: unknown, source: string): HostedCheckoutLayout {
  try {
    return validateHostedCheckoutLayout(value);
  } catch (error) {
    if (error instanceof ProviderApiError)
      throw new HostedCheckoutLayoutError(`${source} is not a valid hosted checkout layout: ${error.message}`);
    throw error;
  }
}

/** The provider's current layout, changed by the sandbox-only route; read when a page is rendered. */
export class HostedCheckoutSettings {
  private current: HostedCheckoutLayout;

  constructor(initial: HostedCheckoutLayout | null = null) {
    this.current = initial ?? DEFAULT_HOSTED_CHECKOUT_LAYOUT;
  }

  get layout(): HostedCheckoutLayout {
    return this.current;
  }

  replace(layout: HostedCheckoutLayout): void {
    this.current = layout;
  }

  reset(): void {
    this.current = DEFAULT_HOSTED_CHECKOUT_LAYOUT;
  }
}
