import type { FastifyInstance } from 'fastify';
import type { DubContext } from '../context';
import { notFound, unprocessable } from '../apiError';
import { customerForClick, recordLead, recordSale } from '../conversions';
import { apiLink } from '../representations';

interface LeadBody {
  clickId?: string;
  eventName?: string;
  customerExternalId?: string;
  customerName?: string | null;
  customerEmail?: string | null;
  metadata?: Record<string, unknown> | null;
}

interface SaleBody {
  customerExternalId?: string;
  amount?: number;
  currency?: string;
  eventName?: string;
  paymentProcessor?: string;
  invoiceId?: string | null;
  metadata?: Record<string, unknown> | null;
  clickId?: string | null;
  leadEventName?: string | null;
  customerName?: string | null;
  customerEmail?: string | null;
}

const PROCESSORS = ['stripe', 'shopify', 'polar', 'paddle', 'apple', 'revenuecat', 'dub', 'custom'] as const;

/**
 * The server-side conversion API (https://dub.co/docs/api-reference/track/lead, /track/sale; SRC zod/schemas/leads.ts,
 * sales.ts). Secret API key.
 */
export function registerTrackConversionRoutes(app: FastifyInstance, context: DubContext): void {
  const { store, sender, guards } = context;
  /** `/track/sale` answers a repeated invoiceId with its first answer (the idempotency key, SRC track/sale). */
  const saleAnswers = new Map<string, unknown>();

  // POST /track/lead: { clickId, eventName, customerExternalId, … } → { click: { id }, link, customer }.
  app.post('/track/lead', { preHandler: guards.requireApiKey }, async (request) => {
    const body = (request.body ?? {}) as LeadBody;
    if (!body.clickId) throw unprocessable('clickId: Required');
    if (!body.eventName) throw unprocessable('eventName: Required');
    if (!body.customerExternalId) throw unprocessable('customerExternalId: Required');
    const click = store.clicks.get(body.clickId);
    if (!click) throw notFound(`Click event not found for clickId: ${body.clickId}`);
    const customer = customerForClick(store, click, {
      externalId: body.customerExternalId,
      name: body.customerName ?? null,
      email: body.customerEmail ?? null,
    });
    recordLead(store, sender, customer, click, body.eventName, body.metadata ?? null);
    return {
      click: { id: click.id },
      link: apiLink(store.links.get(click.linkId)!),
      customer: { name: customer.name, email: customer.email, avatar: null, externalId: customer.externalId },
    };
  });

  // POST /track/sale: { customerExternalId, amount, currency, invoiceId, … } → { eventName, customer, sale }.
  app.post('/track/sale', { preHandler: guards.requireApiKey }, async (request) => {
    const body = (request.body ?? {}) as SaleBody;
    if (!body.customerExternalId) throw unprocessable('customerExternalId: Required');
    if (!Number.isInteger(body.amount) || (body.amount ?? -1) < 0) throw unprocessable('amount: Expected a non-negative integer (cents).');
    const processor = (body.paymentProcessor ?? 'custom') as (typeof PROCESSORS)[number];
    if (!PROCESSORS.includes(processor)) throw unprocessable(`paymentProcessor: Invalid enum value '${body.paymentProcessor}'.`);
    const eventName = body.eventName ?? 'Purchase';
    if (body.invoiceId && saleAnswers.has(body.invoiceId)) return saleAnswers.get(body.invoiceId);

    let customer = store.customerByExternalId(body.customerExternalId);
    if (!customer && body.clickId) {
      // A direct sale: the customer and its lead come from the click (SRC sales.ts `clickId`).
      const click = store.clicks.get(body.clickId);
      if (!click) throw notFound(`Click event not found for clickId: ${body.clickId}`);
      customer = customerForClick(store, click, {
        externalId: body.customerExternalId,
        name: body.customerName ?? null,
        email: body.customerEmail ?? null,
      });
      recordLead(store, sender, customer, click, body.leadEventName ?? 'Sign up');
    }
    // guess: an unknown customer is not an error: Dub answers with nulls and records nothing.
    if (!customer) return { eventName, customer: null, sale: null };
    const outcome = recordSale(store, sender, {
      customer,
      amount: body.amount!,
      currency: body.currency ?? 'usd',
      invoiceId: body.invoiceId ?? '',
      eventName,
      paymentProcessor: processor,
      metadata: body.metadata ?? null,
    });
    const answer = {
      eventName,
      customer: { id: customer.id, name: customer.name, email: customer.email, avatar: null, externalId: customer.externalId },
      sale:
        'sale' in outcome
          ? {
              amount: outcome.sale.amount,
              currency: outcome.sale.currency,
              paymentProcessor: outcome.sale.paymentProcessor,
              invoiceId: body.invoiceId ?? null,
              metadata: outcome.sale.metadata,
            }
          : null,
    };
    if (body.invoiceId) saleAnswers.set(body.invoiceId, answer);
    return answer;
  });
}
