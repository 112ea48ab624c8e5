import { hashAt, type VersionGate } from '../gate';

/** `ui_mode` values renamed in 2026-03-25.dahlia: the new value → the one before. */
const UI_MODE_BEFORE_DAHLIA: Record<string, string> = { hosted_page: 'hosted', embedded_page: 'embedded', elements: 'custom' };

export const CHECKOUT_GATES: VersionGate[] = [
  {
    version: '2026-03-25.dahlia',
    objects: ['checkout.session'],
    change: 'Checkout Session ui_mode values renamed: hosted → hosted_page, embedded → embedded_page, custom → elements',
    source: 'docs.stripe.com/changelog/dahlia/2026-03-25/updates-available-checkout-session-ui-modes',
    downgrade(session) {
      const mode = session.ui_mode;
      if (typeof mode === 'string' && UI_MODE_BEFORE_DAHLIA[mode]) session.ui_mode = UI_MODE_BEFORE_DAHLIA[mode];
    },
  },
  {
    version: '2025-03-31.basil',
    objects: ['checkout.session'],
    change: 'Checkout Session shipping_details moved to collected_information.shipping_details',
    source:
      'docs.stripe.com/changelog/basil/2025-03-31/checkout-session-remove-shipping-details; stripe-node 18.0.0 CHANGELOG: "Remove support ' +
      'for `shipping_details` on `Checkout.Session`"',
    downgrade(session) {
      const shipping = hashAt(hashAt(session, 'collected_information') ?? {}, 'shipping_details');
      session.shipping_details = shipping ? { address: shipping.address ?? null, name: shipping.name ?? null } : null;
    },
  },
  {
    version: '2022-08-01',
    objects: ['checkout.session'],
    change: 'Checkout Session shipping renamed shipping_details; shipping_rate moved into the new shipping_cost hash',
    source:
      'docs.stripe.com/changelog/2022-08-01/updates-shipping-property-checkout-session; stripe/openapi fixtures3.json 2022-08-04 ' +
      '(261d1213): + shipping_cost, shipping_details, − shipping, shipping_rate',
    downgrade(session) {
      session.shipping = session.shipping_details ?? null;
      session.shipping_rate = hashAt(session, 'shipping_cost')?.shipping_rate ?? null;
      delete session.shipping_details;
      delete session.shipping_cost;
    },
  },
];
