import type { FastifyInstance, FastifyReply } from 'fastify';
import type Stripe from 'stripe';
import type { ProviderServices } from '../core/services';
import { sendPage } from '../hosted/checkoutPage';
import {
  cancelFromPortal,
  recordCancellationFeedback,
  renewFromPortal,
  saveCardFromPortal,
  updateCustomerFromPortal,
} from './portalActions';
import { portalCardFieldsOf, readPortalCardForm } from './portalCardForm';
import { visitPortalLink, type PortalLink } from './portalLinks';
import { portalView, type PortalView } from './portalView';
import { cancellationReasonDialog, renderCancelPage } from './renderCancelPage';
import { planName, renderPortalHome } from './renderPortalHome';
import { renderCardPage, renderCustomerUpdatePage } from './renderPortalForms';
import { renderPortalNotice } from './renderPortalNotice';

type SecretParams = { Params: { secret: string } };
type SubscriptionParams = { Params: { secret: string; subscription: string } };

interface OpenPortal {
  link: PortalLink;
  view: PortalView;
}

function redirect(reply: FastifyReply, location: string): void {
  reply.code(303).header('Location', location).header('Cache-Control', 'no-store').send();
}

function formOf(body: unknown): Record<string, string> {
  const form = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(form).flatMap(([key, value]) => (typeof value === 'string' ? [[key, value.trim()]] : [])));
}

/**
 * Stripe's customer portal, served at a portal session's `url` (`/p/session/<secret>`): the customer's plan (cancel now
 * or at the end of the period, as the configuration says; renew a pending cancellation), card, billing information
 * and invoices, and the link back to the merchant. Every page works without JavaScript (forms post back to these
 * routes) and carries the hosted pages' security headers. The link works for a while only (portalLinks.ts).
 */
export function registerCustomerPortal(app: FastifyInstance, services: ProviderServices): void {
  const productName = (id: string) => services.store.get('product', id)?.name ?? id;

  /** The portal the URL secret opens, or the page that says why it opens none. */
  function open(secret: string, reply: FastifyReply): OpenPortal | undefined {
    const link = services.store.portalLinks.get(secret);
    const session = link && services.store.get('billing_portal.session', link.sessionId);
    if (!link || !session) {
      sendPage(reply, renderPortalNotice('missing', { livemode: services.store.livemode }), 404);
      return undefined;
    }
    const customer = services.store.get('customer', session.customer);
    if (!visitPortalLink(link, Date.now()) || !customer) {
      sendPage(reply, renderPortalNotice('expired', { returnUrl: session.return_url, livemode: session.livemode }));
      return undefined;
    }
    return { link, view: portalView(services, `/p/session/${secret}`, session, customer) };
  }

  /** One of the customer's subscriptions, or a 404 page. */
  function subscriptionOf(portal: OpenPortal, id: string, reply: FastifyReply): Stripe.Subscription | undefined {
    const subscription = services.store.get('subscription', id);
    if (!subscription || subscription.customer !== portal.view.customer.id) {
      sendPage(
        reply,
        renderPortalNotice('missing', { returnUrl: portal.view.session.return_url, livemode: portal.view.session.livemode }),
        404,
      );
      return undefined;
    }
    return subscription;
  }

  /** Where the browser goes once an action is done: the flow's `after_completion` if this action ends the flow, else `next`. */
  function afterAction(reply: FastifyReply, portal: OpenPortal, action: Stripe.BillingPortal.Session.Flow['type'], next: string): void {
    const flow = portal.view.session.flow;
    if (flow && flow.type === action && !portal.link.flowCompleted) {
      portal.link.flowCompleted = true;
      if (flow.after_completion.type === 'redirect' && flow.after_completion.redirect)
        return redirect(reply, flow.after_completion.redirect.return_url);
      if (flow.after_completion.type === 'hosted_confirmation') return redirect(reply, `${portal.view.base}/confirmation`);
    }
    redirect(reply, next);
  }

  app.get<SecretParams>('/p/session/:secret', (request, reply) => {
    const portal = open(request.params.secret, reply);
    if (!portal) return;
    const flow = portal.view.session.flow;
    if (flow && !portal.link.flowCompleted) {
      // A deep link opens its flow's page instead of the home page.
      if (flow.subscription_cancel)
        return redirect(reply, `${portal.view.base}/subscriptions/${flow.subscription_cancel.subscription}/cancel`);
      if (flow.type === 'payment_method_update') return redirect(reply, `${portal.view.base}/payment-methods/new`);
    }
    sendPage(reply, renderPortalHome(portal.view, productName));
  });

  app.get<SecretParams>('/p/session/:secret/confirmation', (request, reply) => {
    const portal = open(request.params.secret, reply);
    if (!portal) return;
    const flow = portal.view.session.flow;
    const fallback = flow?.type === 'subscription_cancel' ? 'Your subscription has been canceled.' : 'Your payment method has been saved.';
    const message = flow?.after_completion.hosted_confirmation?.custom_message ?? fallback;
    sendPage(
      reply,
      renderPortalNotice('confirmation', { returnUrl: portal.view.session.return_url, livemode: portal.view.session.livemode, message }),
    );
  });

  app.get<SubscriptionParams>('/p/session/:secret/subscriptions/:subscription/cancel', (request, reply) => {
    const portal = open(request.params.secret, reply);
    const subscription = portal && subscriptionOf(portal, request.params.subscription, reply);
    if (!portal || !subscription) return;
    if (
      !portal.view.subscriptions.includes(subscription) ||
      subscription.cancel_at_period_end ||
      !portal.view.configuration.features.subscription_cancel.enabled
    ) {
      return redirect(reply, portal.view.base);
    }
    sendPage(reply, renderCancelPage(portal.view, subscription, planName(subscription, productName)));
  });

  app.post<SubscriptionParams>('/p/session/:secret/subscriptions/:subscription/cancel', (request, reply) => {
    const portal = open(request.params.secret, reply);
    const subscription = portal && subscriptionOf(portal, request.params.subscription, reply);
    if (!portal || !subscription) return;
    const cancel = portal.view.configuration.features.subscription_cancel;
    if (!portal.view.subscriptions.includes(subscription) || subscription.cancel_at_period_end || !cancel.enabled)
      return redirect(reply, portal.view.base);
    cancelFromPortal(services, subscription, cancel.mode);
    if (cancel.cancellation_reason.enabled && cancel.cancellation_reason.options.length > 0) {
      return redirect(reply, `${portal.view.base}/subscriptions/${subscription.id}/cancellation_reason`);
    }
    afterAction(reply, portal, 'subscription_cancel', portal.view.base);
  });

  app.get<SubscriptionParams>('/p/session/:secret/subscriptions/:subscription/cancellation_reason', (request, reply) => {
    const portal = open(request.params.secret, reply);
    const subscription = portal && subscriptionOf(portal, request.params.subscription, reply);
    if (!portal || !subscription) return;
    sendPage(reply, renderPortalHome(portal.view, productName, cancellationReasonDialog(portal.view, subscription)));
  });

  app.post<SubscriptionParams>('/p/session/:secret/subscriptions/:subscription/cancellation_reason', (request, reply) => {
    const portal = open(request.params.secret, reply);
    const subscription = portal && subscriptionOf(portal, request.params.subscription, reply);
    if (!portal || !subscription) return;
    const { reason, skip } = formOf(request.body);
    const offered: readonly string[] = portal.view.configuration.features.subscription_cancel.cancellation_reason.options;
    const canceledHere = subscription.cancellation_details?.reason === 'cancellation_requested';
    if (skip !== 'true' && reason && offered.includes(reason) && canceledHere) recordCancellationFeedback(services, subscription, reason);
    afterAction(reply, portal, 'subscription_cancel', portal.view.base);
  });

  app.post<SubscriptionParams>('/p/session/:secret/subscriptions/:subscription/renew', (request, reply) => {
    const portal = open(request.params.secret, reply);
    const subscription = portal && subscriptionOf(portal, request.params.subscription, reply);
    if (!portal || !subscription) return;
    if (subscription.cancel_at_period_end && subscription.status !== 'canceled') renewFromPortal(services, subscription);
    redirect(reply, portal.view.base);
  });

  app.get<SecretParams>('/p/session/:secret/payment-methods/new', (request, reply) => {
    const portal = open(request.params.secret, reply);
    if (!portal) return;
    if (!portal.view.configuration.features.payment_method_update.enabled) return redirect(reply, portal.view.base);
    sendPage(reply, renderCardPage(portal.view));
  });

  app.post<SecretParams>('/p/session/:secret/payment-methods', (request, reply) => {
    const portal = open(request.params.secret, reply);
    if (!portal) return;
    if (!portal.view.configuration.features.payment_method_update.enabled) return redirect(reply, portal.view.base);
    const fields = portalCardFieldsOf(request.body);
    const form = readPortalCardForm(fields, new Date(), services.store.livemode);
    if (!form.ok) {
      const kept = { billingCountry: fields.billingCountry, billingPostalCode: fields.billingPostalCode };
      return sendPage(reply, renderCardPage(portal.view, kept, form.message), 402);
    }
    saveCardFromPortal(services, portal.view.customer, form.card, form.billing);
    afterAction(reply, portal, 'payment_method_update', portal.view.base);
  });

  app.get<SecretParams>('/p/session/:secret/customer/update', (request, reply) => {
    const portal = open(request.params.secret, reply);
    if (!portal) return;
    const feature = portal.view.configuration.features.customer_update;
    if (!feature.enabled || feature.allowed_updates.length === 0) return redirect(reply, portal.view.base);
    sendPage(reply, renderCustomerUpdatePage(portal.view));
  });

  app.post<SecretParams>('/p/session/:secret/customer/update', (request, reply) => {
    const portal = open(request.params.secret, reply);
    if (!portal) return;
    const feature = portal.view.configuration.features.customer_update;
    if (!feature.enabled) return redirect(reply, portal.view.base);
    const form = formOf(request.body);
    const allowed: readonly string[] = feature.allowed_updates;
    if (allowed.includes('email') && form.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email)) {
      return sendPage(reply, renderCustomerUpdatePage(portal.view, 'Your email address is invalid.'), 400);
    }
    updateCustomerFromPortal(services, portal.view.customer, (customer) => {
      if (allowed.includes('name') && form.name !== undefined) customer.name = form.name || null;
      if (allowed.includes('email') && form.email !== undefined) customer.email = form.email;
      if (allowed.includes('phone') && form.phone !== undefined) customer.phone = form.phone || null;
      if (allowed.includes('address') && form.country !== undefined) {
        const field = (value: string | undefined) => value || null;
        customer.address = {
          city: field(form.city),
          country: field(form.country),
          line1: field(form.line1),
          line2: customer.address?.line2 ?? null,
          postal_code: field(form.postal_code),
          state: customer.address?.state ?? null,
        };
      }
    });
    redirect(reply, portal.view.base);
  });
}
