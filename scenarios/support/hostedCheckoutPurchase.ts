import type { Page } from '@playwright/test';
import type Stripe from 'stripe';
import type { RunCleanupJournal } from '../../fixtures/cleanupFixtures';
import type { EvidenceRecorder } from '../../src/evidence/evidenceRecorder';
import { expectCheckoutPaid } from '../../src/expectations/index';
import type { Customer, TargetFlows } from '../../src/target/contract';
import type { PaymentCard } from '../../src/liveMode/liveCard';
import { browserMoment } from './browserMoment';

export interface PurchaseContext {
  page: Page;
  flows: TargetFlows;
  evidence: EvidenceRecorder;
  provider: Stripe;
  cleanupJournal: RunCleanupJournal;
  timeoutMs: number;
}

/**
 * Buys one product through the provider's hosted checkout as the customer does (the journal learns of the checkout
 * before it is paid), then reads the order on the merchant's success page and the paid session from the provider.
 */
export async function buyThroughHostedCheckout(context: PurchaseContext, productSlug: string, customer: Customer, card: PaymentCard) {
  const { page, flows, evidence, provider, cleanupJournal } = context;
  await flows.startCheckout(productSlug, customer);
  const { cardFields } = await flows.fillPayment(card, customer);
  await evidence.attachScreenshot(page, 'payment page (card fields masked)', { mask: cardFields });
  await cleanupJournal.checkoutStarted({ email: customer.email });
  evidence.timeline(browserMoment('payment submitted'));
  await flows.submitPayment();
  const order = await flows.readOrder();
  await evidence.attachScreenshot(page, 'success page');
  await evidence.attachJson('order on the success page', order);

  const checkout = await expectCheckoutPaid(provider, order.checkoutSessionId, { evidence, timeoutMs: context.timeoutMs });
  await cleanupJournal.learned('payment_intent', checkout.session.payment_intent);
  await cleanupJournal.learned('charge', checkout.charge.id);
  return { order, ...checkout };
}
