import { escapeHtml, portalPage } from './portalLayout';

/** What the portal URL shows when it opens nothing (the wordings are the sandbox's). */
export function renderPortalNotice(
  kind: 'expired' | 'missing' | 'confirmation',
  options: { returnUrl?: string | null; livemode?: boolean; message?: string | null } = {},
): string {
  const text = {
    expired: 'This portal session has expired. Return to the merchant to open a new one.',
    missing: 'This page does not exist.',
    confirmation: options.message ?? 'Your changes have been saved.',
  }[kind];
  const title = { expired: 'Session expired', missing: 'Not found', confirmation: 'Done' }[kind];
  return portalPage({
    title,
    returnUrl: options.returnUrl ?? null,
    livemode: options.livemode ?? false,
    headline: null,
    main: `<section><h2 data-testid="portal-${kind}">${escapeHtml(text)}</h2></section>`,
  });
}
