import { randomBase62 } from '../core/ids';

/**
 * How long a portal session's URL works. Stripe documents only that "sessions are short-lived and will expire if the
 * customer does not visit the URL"; the two durations below are the sandbox's guess at that behaviour (widely
 * reported: about five minutes to open the link, then about an hour of use), not published numbers.
 */
export const PORTAL_LINK_UNVISITED_MS = 5 * 60_000;
export const PORTAL_LINK_SESSION_MS = 60 * 60_000;

/** What the provider keeps beside a portal session: which session its URL opens, and when it was first opened. */
export interface PortalLink {
  sessionId: string;
  /** Epoch ms (real time, not a test clock's: the link is the customer's browser session). */
  createdAtMs: number;
  firstVisitAtMs: number | null;
  /** The session's deep-link flow (`flow_data`) has been gone through: the link now opens the portal's home page. */
  flowCompleted: boolean;
}

/** The URL secret, `test_…` / `live_…` as Stripe's `billing.stripe.com/p/session/test_…` URLs are. */
export function newPortalLinkSecret(livemode: boolean): string {
  return `${livemode ? 'live' : 'test'}_${randomBase62(48)}`;
}

/**
 * Whether the link still opens the portal at `nowMs`: unvisited, for {@link PORTAL_LINK_UNVISITED_MS} after it was
 * made; once visited, for {@link PORTAL_LINK_SESSION_MS} after the first visit.
 */
export function portalLinkOpen(link: PortalLink, nowMs: number): boolean {
  if (link.firstVisitAtMs === null) return nowMs - link.createdAtMs <= PORTAL_LINK_UNVISITED_MS;
  return nowMs - link.firstVisitAtMs <= PORTAL_LINK_SESSION_MS;
}

/** Opens the link at `nowMs` (the first visit starts its session); false when it has expired. */
export function visitPortalLink(link: PortalLink, nowMs: number): boolean {
  if (!portalLinkOpen(link, nowMs)) return false;
  link.firstVisitAtMs ??= nowMs;
  return true;
}
