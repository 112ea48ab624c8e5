import type Stripe from 'stripe';
import { BrowserSessions } from './browserSessions';
import { CheckoutForms } from './checkoutForms';
import { Memberships } from './memberships';
import { OrderBook } from './orders';

/** Everything a route needs: the SDK, the shop's settings and its in-memory records. */
export interface LanternApp {
  stripe: Stripe;
  /** The secret key is a live one: only live-mode events are accepted, and test clocks are ignored. */
  live: boolean;
  /** The shop's own base URL, for Checkout's and the portal's return URLs (known once the server listens). */
  publicUrl(): string;
  webhookSecret: string | undefined;
  adminKey: string | undefined;
  orders: OrderBook;
  forms: CheckoutForms;
  memberships: Memberships;
  browsers: BrowserSessions;
  /** Ids of the webhook events already handled: a redelivery changes nothing. */
  handledEvents: Set<string>;
  /** An error worth an operator's attention, one line (never a key, a card or a body). */
  warn(line: string): void;
}

export function createLanternApp(
  settings: Pick<LanternApp, 'stripe' | 'live' | 'publicUrl' | 'webhookSecret' | 'adminKey' | 'warn'>,
): LanternApp {
  return {
    ...settings,
    orders: new OrderBook(),
    forms: new CheckoutForms(),
    memberships: new Memberships(),
    browsers: new BrowserSessions(),
    handledEvents: new Set(),
  };
}

/** The id of an expandable field (`'cus_…'` or `{ id: 'cus_…' }`), or null. */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : value.id;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
