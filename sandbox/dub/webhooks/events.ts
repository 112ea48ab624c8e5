/**
 * The webhook events the emulation sends (SRC apps/web/lib/webhook/constants.ts; https://dub.co/docs/webhooks/event-types).
 * Dub has no refund event and no commission.updated: a refund changes the commission's status silently, seen only by
 * polling GET /commissions.
 */
export const DUB_WEBHOOK_EVENTS = ['lead.created', 'sale.created', 'commission.created'] as const;
export type DubWebhookEvent = (typeof DUB_WEBHOOK_EVENTS)[number];

/** The envelope (SRC apps/web/lib/webhook/schemas.ts, transform.ts): `evt_` + nanoid(25). */
export interface DubWebhookPayload {
  id: string;
  event: DubWebhookEvent;
  createdAt: string;
  data: Record<string, unknown>;
}
