import { expect, type Page } from '@playwright/test';
import type Stripe from 'stripe';
import type { EvidenceRecorder, StepOptions } from '../../src/run/evidence/evidenceRecorder';
import { browserMoment } from './browserMoment';
import { skippedStep } from './skippedStep';
import type { RefundWay } from './targetAbility';

export interface RefundContext {
  page: Page;
  evidence: EvidenceRecorder;
  provider: Stripe;
}

/**
 * Refunds what is left of the order the way the target does (`refundAbility`): through the merchant (its admin UI
 * or its API), which must then report the order refunded; or at the provider, by payment intent, as support would.
 */
export async function refundRestOfOrder(
  context: RefundContext,
  way: RefundWay,
  paid: { order: { orderId: string }; paymentIntent: { id: string } },
): Promise<void> {
  const { page, evidence, provider } = context;
  const { orderId } = paid.order;
  if (way.by === 'provider') {
    evidence.timeline(browserMoment(`refund requested ${way.words}`, paid.paymentIntent.id));
    const refund = await provider.refunds.create({ payment_intent: paid.paymentIntent.id });
    await evidence.attachJson(`refund ${way.words}`, refund);
    return;
  }
  evidence.timeline(browserMoment(way.channel === 'merchant-admin-ui' ? 'refund requested in the shop admin' : `refund requested ${way.words}`, orderId));
  const refunded = await way.refundOrder(orderId);
  if (way.channel === 'merchant-admin-ui') await evidence.attachScreenshot(page, 'admin orders after the refund');
  await evidence.attachJson(`the shop's answer to the refund ${way.words}`, refunded);
  expect(refunded.status, 'the shop shows the order refunded').toBe('refunded');
}

/**
 * After a refund made at the provider: the merchant's "order refunded" could not be checked, so it is recorded as a
 * skipped step (titled after the step it belongs to: "4b. …") with the reason, a target gap, never as passed: tag it
 * with refund-end-to-end and leave that item off the refund step, so the item is not rehearsed (INCOMPLETE unless
 * rehearsal.config.ts's checklist.skip lists it).
 */
export async function merchantRefundCheckSkipped(evidence: EvidenceRecorder, way: RefundWay, title: string, options: StepOptions): Promise<void> {
  if (way.by === 'provider') await skippedStep(evidence, title, way.reason, { ...options, targetGap: true });
}
