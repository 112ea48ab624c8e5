import type { DubStore } from './store';
import type { DubClick, DubCommission, DubCustomer, DubLeadEvent, DubLink, DubPartner, DubSaleEvent } from './objects';

/**
 * How the emulation's objects look in Dub's API answers and webhooks, as far as the SDK types and zod schemas say
 * (dub@0.73.5 models/operations/*.d.ts; SRC apps/web/lib/zod/schemas/*.ts). Fields an adapter never reads are left out.
 */

/** CustomerSchema (SRC zod/schemas/customers.ts). */
export function apiCustomer(customer: DubCustomer): Record<string, unknown> {
  return {
    id: customer.id,
    externalId: customer.externalId,
    name: customer.name,
    email: customer.email,
    avatar: null,
    country: null,
    stripeCustomerId: customer.stripeCustomerId,
    sales: customer.sales,
    saleAmount: customer.saleAmount,
    createdAt: customer.createdAt,
    firstSaleAt: customer.firstSaleAt,
  };
}

/** A link as events and partners carry it (SDK ListEventsResponseBodyLink, subset). */
export function apiLink(link: DubLink): Record<string, unknown> {
  return {
    id: link.id,
    domain: link.domain,
    key: link.key,
    url: link.url,
    shortLink: link.shortLink,
    trackConversion: true,
    externalId: link.externalId,
    tenantId: link.tenantId,
    programId: link.programId,
    partnerId: link.partnerId,
    createdAt: link.createdAt,
  };
}

/** The click inside an event (SDK ListEventsResponseBodyClick; guess: geo fields are blank offline). */
function apiClick(click: DubClick): Record<string, unknown> {
  return {
    id: click.id,
    timestamp: click.timestamp,
    url: click.url,
    country: '',
    city: '',
    region: '',
    continent: '',
    device: 'Desktop',
    browser: '',
    os: '',
    ua: click.ua,
    trigger: 'link',
    referer: click.referer,
    refererUrl: click.referer,
    qr: false,
    ip: click.ip,
  };
}

/** GET /events?event=clicks item (SDK ClickEvent). */
export function apiClickEvent(store: DubStore, click: DubClick): Record<string, unknown> {
  const link = store.links.get(click.linkId)!;
  return {
    event: 'click',
    timestamp: click.timestamp,
    click: apiClick(click),
    link: apiLink(link),
    clickId: click.id,
    linkId: link.id,
    domain: link.domain,
    key: link.key,
    url: click.url,
  };
}

/** GET /events?event=leads item (SDK LeadEvent). */
export function apiLeadEvent(store: DubStore, lead: DubLeadEvent): Record<string, unknown> {
  const link = store.links.get(lead.linkId)!;
  const click = store.clicks.get(lead.clickId);
  return {
    event: 'lead',
    timestamp: lead.timestamp,
    eventId: lead.eventId,
    eventName: lead.eventName,
    metadata: lead.metadata,
    click: click ? apiClick(click) : null,
    link: apiLink(link),
    customer: apiCustomer(store.customers.get(lead.customerId)!),
    clickId: lead.clickId,
    linkId: link.id,
    domain: link.domain,
    key: link.key,
  };
}

/** GET /events?event=sales item (SDK SaleEvent; metadata as SRC get-events.ts parses it). */
export function apiSaleEvent(store: DubStore, sale: DubSaleEvent): Record<string, unknown> {
  const link = store.links.get(sale.linkId)!;
  const click = store.clicks.get(sale.clickId);
  return {
    event: 'sale',
    timestamp: sale.timestamp,
    eventId: sale.eventId,
    eventName: sale.eventName,
    sale: { amount: sale.amount, invoiceId: sale.invoiceId, paymentProcessor: sale.paymentProcessor, currency: sale.currency },
    metadata: sale.metadata,
    link: apiLink(link),
    click: click ? apiClick(click) : null,
    customer: apiCustomer(store.customers.get(sale.customerId)!),
    saleAmount: sale.amount,
    invoiceId: sale.invoiceId,
    paymentProcessor: sale.paymentProcessor,
    clickId: sale.clickId,
    linkId: link.id,
    domain: link.domain,
    key: link.key,
  };
}

/** An enrolled partner (SRC EnrolledPartnerSchema, subset) with its links. */
export function apiPartner(store: DubStore, partner: DubPartner): Record<string, unknown> {
  const links = [...store.links.values()].filter((link) => link.partnerId === partner.id);
  return {
    id: partner.id,
    name: partner.name,
    email: partner.email,
    image: partner.image,
    country: partner.country,
    tenantId: partner.tenantId,
    programId: partner.programId,
    partnerId: partner.id,
    groupId: partner.groupId,
    status: partner.status,
    payoutsEnabledAt: null,
    createdAt: partner.createdAt,
    links: links.map((link) => ({ id: link.id, domain: link.domain, key: link.key, shortLink: link.shortLink, url: link.url })),
  };
}

/** GET /commissions item (SRC CommissionEnrichedSchema). */
export function apiCommission(store: DubStore, commission: DubCommission): Record<string, unknown> {
  const partner = store.partners.get(commission.partnerId)!;
  const customer = commission.customerId ? store.customers.get(commission.customerId) : undefined;
  return {
    ...commissionFields(commission),
    paidAt: commission.paidAt,
    partner: {
      id: partner.id,
      name: partner.name,
      email: partner.email,
      image: partner.image,
      payoutsEnabledAt: null,
      country: partner.country,
      groupId: partner.groupId,
    },
    customer: customer ? apiCustomer(customer) : null,
  };
}

/** `commission.created` data (SRC CommissionWebhookSchema; sample-events/commission-created.json). */
export function webhookCommission(store: DubStore, commission: DubCommission): Record<string, unknown> {
  const partner = store.partners.get(commission.partnerId)!;
  const customer = commission.customerId ? store.customers.get(commission.customerId) : undefined;
  const link = commission.linkId ? store.links.get(commission.linkId) : undefined;
  return {
    ...commissionFields(commission),
    partner: {
      id: partner.id,
      name: partner.name,
      email: partner.email,
      image: partner.image,
      payoutsEnabledAt: null,
      country: partner.country,
    },
    customer: customer ? apiCustomer(customer) : null,
    link: link ? { id: link.id, shortLink: link.shortLink, domain: link.domain, key: link.key } : null,
  };
}

/** `lead.created` data: `{ eventName, customer, click, link, partner?, metadata }` (SRC webhook/schemas.ts). */
export function webhookLead(store: DubStore, lead: DubLeadEvent): Record<string, unknown> {
  const event = apiLeadEvent(store, lead);
  return {
    eventName: lead.eventName,
    customer: event.customer,
    click: event.click,
    link: event.link,
    partner: webhookPartner(store, lead.linkId),
    metadata: lead.metadata,
  };
}

/** `sale.created` data: `{ eventName, customer, click, link, sale, partner?, metadata }` (SRC webhook/schemas.ts, sample-events/sale-created.json). */
export function webhookSale(store: DubStore, sale: DubSaleEvent): Record<string, unknown> {
  const event = apiSaleEvent(store, sale);
  return {
    eventName: sale.eventName,
    customer: event.customer,
    click: event.click,
    link: event.link,
    sale: { amount: sale.amount, currency: sale.currency, paymentProcessor: sale.paymentProcessor, invoiceId: sale.invoiceId || null },
    partner: webhookPartner(store, sale.linkId),
    metadata: sale.metadata,
  };
}

function webhookPartner(store: DubStore, linkId: string): Record<string, unknown> | null {
  const link = store.links.get(linkId);
  const partner = link ? store.partners.get(link.partnerId) : undefined;
  return partner ? { id: partner.id, name: partner.name, email: partner.email, image: partner.image, tenantId: partner.tenantId } : null;
}

function commissionFields(commission: DubCommission): Record<string, unknown> {
  return {
    id: commission.id,
    type: commission.type,
    amount: commission.amount,
    earnings: commission.earnings,
    currency: commission.currency,
    status: commission.status,
    invoiceId: commission.invoiceId,
    description: commission.description,
    quantity: commission.quantity,
    userId: commission.userId,
    createdAt: commission.createdAt,
    updatedAt: commission.updatedAt,
  };
}
