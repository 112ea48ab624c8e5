import { forgerySecret, probeEvent, sendProbe, signatureHeader } from '../merchantWebhookProbe';
import { merchantWebhookTarget } from '../merchantWebhookTarget';
import { rejectionOutcome } from '../webhookRejection';
import type { PreflightCheck } from '../types';

/** merchant-webhook-verifies-signatures: an event signed with another secret (a forgery) gets a 4xx. */
export const merchantRejectsForged: PreflightCheck = {
  id: 'merchant-webhook.rejects-forged',
  item: 'merchant-webhook-verifies-signatures',
  async run(context) {
    const target = merchantWebhookTarget(context, { needsSecret: false, probe: 'the forged test event' });
    if ('skip' in target) return target.skip;
    const event = probeEvent(context);
    const answer = await sendProbe(
      target.url,
      event,
      signatureHeader(context, event.payload, forgerySecret()),
      context.webhookAnswerLimitMs,
    );
    return rejectionOutcome(answer, {
      url: target.url,
      eventId: event.id,
      what: 'an event signed with a secret that is not its own (a forgery)',
      risk: 'anyone could send it fake payment events',
      fix: "verify every event's Stripe-Signature header with the endpoint's own signing secret (the SDK's webhooks.constructEvent) and answer 400 when it does not match.",
    });
  },
};
