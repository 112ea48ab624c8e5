/**
 * The workspace settings the emulation plays (Dub's dashboard; no public API changes them).
 * Allowed Hostnames: https://dub.co/docs/sdks/client-side/features/click-tracking (Tracking settings); an empty list
 * allows every host (SRC apps/web/lib/analytics/verify-analytics-allowed-hostnames.ts).
 */
export interface DubSettings {
  allowedHostnames: string[];
  /** Dub's Stripe app installed and the workspace connected (https://dub.co/docs/integrations/stripe). */
  stripeAppInstalled: boolean;
}

/** The hosts a local shop runs on: the seed allows them, as Dub allows `localhost` "temporarily for testing". */
export const LOCAL_HOSTNAMES = ['127.0.0.1', 'localhost'];

/** What `dub.hostname-not-allowed` leaves: only the production site, as after "remove localhost before going live". */
export const PRODUCTION_ONLY_HOSTNAMES = ['shop.example.com'];
