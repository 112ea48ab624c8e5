import type { Page } from '@playwright/test';
import type Stripe from 'stripe';
import type { RunCleanupJournal } from '../../fixtures/cleanupFixtures';
import type { EvidenceRecorder } from '../../src/run/evidence/evidenceRecorder';
import { expectPaymentSucceeded, type SucceededPayment } from '../../src/run/expectations/index';
import type { PaymentCard } from '../../src/guards/liveMode/liveCard';
import type { Customer, MerchantOrder, TargetFlows } from '../../src/model/target/contract';
import { browserMoment } from './browserMoment';

export interface PurchaseContext {
  page: Page;
  flows: TargetFlows;
  evidence: EvidenceRecorder;
  provider: Stripe;
  cleanupJournal: RunCleanupJournal;
  timeoutMs: number;
}

/** An order the merchant's success page showed, and its payment as the provider shows it succeeded. */
export type Purchase = SucceededPayment & { order: MerchantOrder };

/**
 * Buys one product as the customer does, on whatever payment form the target has (the journal learns of the
 * checkout before it is paid), then reads the order on the merchant's success page and its payment from the provider.
 */
export async function buyProduct(context: PurchaseContext, productSlug: string, customer: Customer, card: PaymentCard): Promise<Purchase> {
  const { page, flows, evidence, provider, cleanupJournal } = context;
  await flows.startCheckout(productSlug, customer);
  const { cardFields, payment } = await flows.fillPayment(card, customer);
  await evidence.attachScreenshot(page, 'payment page (card fields masked)', { mask: cardFields });
  await cleanupJournal.checkoutStarted({ email: customer.email, payment });
  evidence.timeline(browserMoment('payment submitted'));
  await flows.submitPayment();
  const order = await flows.readOrder();
  await cleanupJournal.paymentSubmitted(order.payment);
  await evidence.attachScreenshot(page, 'success page');
  await evidence.attachJson('order on the success page', order);

  const paid = await expectPaymentSucceeded(provider, order.payment, { evidence, timeoutMs: context.timeoutMs });
  await cleanupJournal.learned('payment_intent', paid.paymentIntent.id);
  await cleanupJournal.learned('charge', paid.charge.id);
  return { order, ...paid };
}
