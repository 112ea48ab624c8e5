import type { FastifyInstance } from 'fastify';
import type { DubContext, Query } from '../context';
import { unprocessable } from '../apiError';
import { pageOf } from '../listing';
import { apiClickEvent, apiLeadEvent, apiSaleEvent } from '../representations';

const INTERVAL_MS: Record<string, number | null> = {
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  '90d': 90 * 86_400_000,
  '1y': 365 * 86_400_000,
  all: null,
};

/**
 * GET /events (https://dub.co/docs/api-reference/events/list; SDK ListEventsRequest): `event` = clicks (default) |
 * leads | sales; filters `linkId`, `partnerId`, `customerId`, `domain`+`key`; `interval` (default 24h; the
 * calendar-based mtd/qtd/ytd are not emulated); `page` from 1 and `limit` (default 100; guess: capped at 1,000);
 * newest first (`sortOrder=desc`). The analytics rate limit applies.
 */
export function registerEventRoutes(app: FastifyInstance, context: DubContext): void {
  const { store, guards } = context;
  app.get('/events', { preHandler: guards.requireApiKeyAnalytics }, async (request) => {
    const query = request.query as Query;
    const event = query.event ?? 'clicks';
    if (!['clicks', 'leads', 'sales'].includes(event))
      throw unprocessable(`event: Invalid enum value. Expected 'clicks' | 'leads' | 'sales', received '${event}'`);
    const interval = query.interval ?? '24h';
    if (!(interval in INTERVAL_MS)) throw unprocessable(`interval: Invalid enum value '${interval}'.`);
    const span = INTERVAL_MS[interval] ?? null;
    const since = span === null ? 0 : Date.now() - span;
    const linkMatches = (linkId: string): boolean => {
      const link = store.links.get(linkId);
      return (
        (query.linkId === undefined || linkId === query.linkId) &&
        (query.partnerId === undefined || link?.partnerId === query.partnerId) &&
        (query.domain === undefined || link?.domain === query.domain) &&
        (query.key === undefined || link?.key === query.key)
      );
    };
    const recent = (timestamp: string): boolean => Date.parse(timestamp) >= since;
    let items: { timestamp: string; render: () => Record<string, unknown> }[];
    if (event === 'clicks') {
      items = [...store.clicks.values()]
        .filter((c) => recent(c.timestamp) && linkMatches(c.linkId) && query.customerId === undefined)
        .map((c) => ({ timestamp: c.timestamp, render: () => apiClickEvent(store, c) }));
    } else if (event === 'leads') {
      items = store.leads
        .filter(
          (l) => recent(l.timestamp) && linkMatches(l.linkId) && (query.customerId === undefined || l.customerId === query.customerId),
        )
        .map((l) => ({ timestamp: l.timestamp, render: () => apiLeadEvent(store, l) }));
    } else {
      items = store.sales
        .filter(
          (s) => recent(s.timestamp) && linkMatches(s.linkId) && (query.customerId === undefined || s.customerId === query.customerId),
        )
        .map((s) => ({ timestamp: s.timestamp, render: () => apiSaleEvent(store, s) }));
    }
    // Stable: events of one millisecond keep their recorded order, reversed for newest first.
    const ordered = query.sortOrder === 'asc' ? items : [...items].reverse();
    return pageOf(ordered, query, 'limit', 1000).map((item) => item.render());
  });
}
