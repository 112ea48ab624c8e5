import { probeEvent, sendProbe } from '../merchantWebhookProbe';
import { merchantWebhookTarget } from '../merchantWebhookTarget';
import { rejectionOutcome } from '../webhookRejection';
import type { PreflightCheck } from '../types';

/** merchant-webhook-verifies-signatures: an event with no Stripe-Signature header gets a 4xx. */
export const merchantRejectsUnsigned: PreflightCheck = {
  id: 'merchant-webhook.rejects-unsigned',
  item: 'merchant-webhook-verifies-signatures',
  async run(context) {
    const target = merchantWebhookTarget(context, { needsSecret: false, probe: 'the unsigned test event' });
    if ('skip' in target) return target.skip;
    const event = probeEvent(context);
    const answer = await sendProbe(target.url, event, undefined, context.webhookAnswerLimitMs);
    return rejectionOutcome(answer, {
      url: target.url,
      eventId: event.id,
      what: 'an event with no signature',
      risk: 'anyone could send it fake payment events',
      fix: "verify every event's Stripe-Signature header with the endpoint's signing secret (the SDK's webhooks.constructEvent) and answer 400 when it is missing or wrong.",
    });
  },
};
